using CsCheck;
using DeviceWatch.Analysis.Decoding;
using DeviceWatch.Analysis.Observations;
using DeviceWatch.Analysis.Tests.Observations;
using DeviceWatch.Core.Analysis;

namespace DeviceWatch.Analysis.Tests.Decoding;

public sealed class TextEncodingsTests
{
    private static readonly DecoderLimits Limits = DecoderLimits.Default;

    private static void ClassifyAndDecode(string text)
    {
        var kind = TextEncodings.Classify(text, Limits.MinNestedHexLength, Limits.MinNestedBase64Length);
        if (kind is null)
        {
            return;
        }

        var buffer = new byte[TextEncodings.ReservedSize(text, kind)];
        var decodedInto = TextEncodings.TryDecodeInto(text, kind, buffer, out _);
        var decoded = TextEncodings.Decode(text, kind, new DecodeBudget(Limits));
        Assert.Equal(decodedInto, decoded is not null);
    }

    [Theory]
    [InlineData("paho/34AAE54A75D839566E")] // an MQTT client id seen in a real capture (zeek/mqtt.pcap)
    [InlineData("ab+cdefgh12ABCDEFG")] // standard alphabet, unpadded, length not a multiple of 4
    [InlineData("Ab-cdefgh1234567Z")] // base64url whose length leaves one character over (impossible length)
    [InlineData("Ab-cdefgh1234567=")] // base64url with a pad that completes no group of four
    [InlineData("Ab_cd+fgh12345678")] // both alphabets
    public void ClassifiedText_DecodesOrFails_WithoutThrowing(string text) =>
        Assert.Equal(0, ThrownExceptions.On(() => ClassifyAndDecode(text)));

    [Fact]
    public void RandomTokens_ClassifiedAndDecoded_NeverThrow()
    {
        // Tokens over both base64 alphabets, padding and hex: a decoder that throws and catches costs tens of
        // microseconds per payload, and real devices send such tokens on every request.
        var token = Gen.String[Gen.Char["ABCDEFabcdef0123456789xyzXYZ+/-_="], 0, 48];
        token.Sample(text => Assert.True(ThrownExceptions.On(() => ClassifyAndDecode(text)) == 0, $"threw on \"{text}\""), iter: 20_000, threads: 1);
    }

    [Fact]
    public void Inspect_MqttClientIdWithSlash_NoException()
    {
        var payload = TestPayloads.Mqtt("paho/34AAE54A75D839566E", []) with { Kind = PayloadKind.MqttConnect };
        var inspector = new PayloadInspector();
        Assert.Equal(0, ThrownExceptions.On(() => inspector.Inspect(payload, DeviceInspectionContext.Anonymous("d"))));
        Assert.Equal(0, ThrownExceptions.On(() => inspector.Inspect(TestPayloads.Http("", null, "/r?id=paho/34AAE54A75D839566E"), DeviceInspectionContext.Anonymous("d"))));
    }
}
