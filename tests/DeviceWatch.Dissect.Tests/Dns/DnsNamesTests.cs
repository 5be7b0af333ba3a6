using DeviceWatch.Dissect.Dns;

namespace DeviceWatch.Dissect.Tests.Dns;

public sealed class DnsNamesTests
{
    [Theory]
    [InlineData(1, "A")]
    [InlineData(2, "NS")]
    [InlineData(5, "CNAME")]
    [InlineData(6, "SOA")]
    [InlineData(12, "PTR")]
    [InlineData(15, "MX")]
    [InlineData(16, "TXT")]
    [InlineData(28, "AAAA")]
    [InlineData(33, "SRV")]
    [InlineData(41, "OPT")]
    [InlineData(64, "SVCB")]
    [InlineData(65, "HTTPS")]
    [InlineData(255, "ANY")]
    [InlineData(0, "TYPE0")]
    [InlineData(4660, "TYPE4660")]
    [InlineData(65535, "TYPE65535")]
    public void DnsTypeNamesToName_KnownAndUnknownTypes_GivesMnemonicOrTypeN(int type, string expected)
    {
        Assert.Equal(expected, DnsTypeNames.ToName((ushort)type));
    }

    [Theory]
    [InlineData(0, "NOERROR")]
    [InlineData(1, "FORMERR")]
    [InlineData(2, "SERVFAIL")]
    [InlineData(3, "NXDOMAIN")]
    [InlineData(4, "NOTIMP")]
    [InlineData(5, "REFUSED")]
    [InlineData(9, "NOTAUTH")]
    [InlineData(16, "BADVERS")]
    [InlineData(12, "RCODE12")]
    [InlineData(4095, "RCODE4095")]
    public void DnsRcodeNamesToName_KnownAndUnknownCodes_GivesMnemonicOrRcodeN(int rcode, string expected)
    {
        Assert.Equal(expected, DnsRcodeNames.ToName(rcode));
    }
}
