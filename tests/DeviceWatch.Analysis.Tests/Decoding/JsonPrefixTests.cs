using System.Text;
using System.Text.Json;
using CsCheck;
using DeviceWatch.Analysis.Decoding;

namespace DeviceWatch.Analysis.Tests.Decoding;

public sealed class JsonPrefixTests
{
    // Whether the decoder's reader (same options) reads the whole text without throwing.
    private static bool ReaderAccepts(byte[] json)
    {
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 64 });
            while (reader.Read())
            {
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    [Theory]
    [InlineData("[2000-01-01][00:01:04]|RT|Internet is connected", true)] // a WeMo log upload (real capture)
    [InlineData("[INFO] started", true)]
    [InlineData("{lat:1}", true)]
    [InlineData("[01]", true)]
    [InlineData("[-x]", true)]
    [InlineData("[1.]", true)]
    [InlineData("[1e]", true)]
    [InlineData("[1}", true)]
    [InlineData("[1, 2]", false)]
    [InlineData("[ -0.5e+3 ]", false)]
    [InlineData("{\"a\":1}", false)]
    [InlineData("[/*c*/1]", false)]
    [InlineData("[12", false)] // cut short: may still be JSON
    [InlineData("plain", false)]
    public void StartsUnlikeJson_Examples(string text, bool unlike)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        Assert.Equal(unlike, JsonDecoder.StartsUnlikeJson(bytes));
        if (unlike)
        {
            Assert.False(ReaderAccepts(bytes));
        }
    }

    [Fact]
    public void StartsUnlikeJson_OnlyForTextTheReaderRefuses()
    {
        // Never turns away a document the reader accepts, on random JSON-like text and on prefixes of valid JSON.
        var random = Gen.String[Gen.Char["[]{}\"0123456789-+.eE,:tfn /*\r\n\tabx"], 0, 24];
        var valid = Gen.Select(Gen.Int[0, 3], Gen.Int[-5000, 5000], Gen.Double[-1e6, 1e6], Gen.Int[0, 30],
            (shape, i, d, cut) =>
            {
                var doc = shape switch
                {
                    0 => $"[{i}, {d.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}, \"s\", true, null]",
                    1 => $"{{\"lat\": {d.ToString("E3", System.Globalization.CultureInfo.InvariantCulture)}, \"n\": [{i}]}}",
                    2 => $" [ [ {i} ] , {{}} ]",
                    _ => $"[{i}e{Math.Abs(i % 5)},]",
                };
                return doc[..Math.Min(doc.Length, doc.Length - cut % 3)];
            });
        Gen.OneOf(random, valid).Sample(text =>
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            Assert.True(!JsonDecoder.StartsUnlikeJson(bytes) || !ReaderAccepts(bytes), text);
        }, iter: 50_000);
    }
}
