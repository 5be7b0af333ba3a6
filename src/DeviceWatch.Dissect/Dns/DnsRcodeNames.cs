using System.Globalization;

namespace DeviceWatch.Dissect.Dns;

/// <summary>Mnemonics of DNS response codes (IANA "DNS RCODEs" registry).</summary>
public static class DnsRcodeNames
{
    /// <summary>The mnemonic of <paramref name="rcode"/> (NOERROR, NXDOMAIN, …), else "RCODE&lt;n&gt;".</summary>
    public static string ToName(int rcode) => rcode switch
    {
        0 => "NOERROR",
        1 => "FORMERR",
        2 => "SERVFAIL",
        3 => "NXDOMAIN",
        4 => "NOTIMP",
        5 => "REFUSED",
        6 => "YXDOMAIN",
        7 => "YXRRSET",
        8 => "NXRRSET",
        9 => "NOTAUTH",
        10 => "NOTZONE",
        11 => "DSOTYPENI",
        16 => "BADVERS",
        17 => "BADKEY",
        18 => "BADTIME",
        19 => "BADMODE",
        20 => "BADNAME",
        21 => "BADALG",
        22 => "BADTRUNC",
        23 => "BADCOOKIE",
        _ => "RCODE" + rcode.ToString(CultureInfo.InvariantCulture),
    };
}
