namespace DeviceWatch.Dissect.Tests.Dns;

/// <summary>
/// DNS messages written by hand from RFC 1035 §4.1 (header, question, RR layout, §4.1.4 compression), RFC 2782
/// (SRV), RFC 3596 (AAAA), RFC 6891 (OPT), RFC 9460 (HTTPS), RFC 6762 §5.4/§10.2 (mDNS QU and cache-flush bits),
/// and real payloads extracted with <c>tshark -T fields -e udp.payload</c> from the public captures.
/// </summary>
internal static class DnsTestVectors
{
    /// <summary>
    /// A response exercising every rendered type. Offsets in the comments; pointers: c00c = www.example.com (12),
    /// c010 = example.com (16), c02d = cdn.example.com (45, inside the CNAME rdata).
    /// </summary>
    public static readonly byte[] Response = Convert.FromHexString(string.Concat(
        "1234", "8180", "0001", "0009", "0000", "0002",                    // @0 id, QR RD RA, qd an ns ar
        "03777777", "076578416d506c45", "03636f6d", "00", "0001", "0001",  // @12 www.ExAmPlE.com A IN
        "c00c", "0005", "0001", "0000012c", "0006", "0363646e", "c010",    // @33 CNAME cdn.example.com
        "c02d", "0001", "0001", "0000003c", "0004", "5db8d822",            // @51 A 93.184.216.34
        "c02d", "001c", "0001", "0000003c", "0010", "20010db8000000000000000000000001", // @67 AAAA 2001:db8::1
        "c010", "000f", "0001", "00000e10", "0004", "000a", "c010",        // @95 MX 10 example.com
        "045f736970045f746370c010", "0021", "0001", "00000e10", "0008", "0001", "0002", "1f90", "c02d", // @111 SRV
        "c010", "0010", "0001", "0000012c", "000c", "0568656c6c6f", "05776f726c64", // @141 TXT "hello" "world"
        "0233340332313603313834023933", "07696e2d61646472", "0461727061", "00", "000c", "0001", "0000012c", "0002", "c02d", // @165 PTR
        "c010", "0041", "0001", "0000012c", "000a", "0001", "00", "0001", "0003", "026832", // @205 HTTPS alpn=h2
        "c010", "1234", "0001", "00000001", "0003", "abcdef",              // @227 TYPE4660
        "00", "0029", "1000", "00000000", "0000",                          // @242 OPT (additional, dropped)
        "036e7331c010", "0001", "0001", "00000e10", "0004", "c0000201"));  // @253 ns1.example.com A 192.0.2.1, ends @273

    /// <summary>Offsets at which each answer and additional record of <see cref="Response"/> ends.</summary>
    public static readonly int[] ResponseAnswerEnds = [51, 67, 95, 111, 141, 165, 205, 227, 242];

    /// <summary>Where the question section of <see cref="Response"/> ends.</summary>
    public const int ResponseQuestionEnd = 33;

    /// <summary>ndpi/dns.pcap frame 5: e7.whatsapp.net, eight A answers.</summary>
    public static readonly byte[] WhatsappResponse = Convert.FromHexString(
        "784381800001000800000000026537087768617473617070036e65740000010001c00c00010001000001eb0004a92ddbebc00c00010001000001eb0004a92f288ec00c00010001000001eb0004a92df879c00c00010001000001eb00046ca8b0eac00c00010001000001eb0004a92df8bdc00c00010001000001eb0004a92df8b4c00c00010001000001eb0004a935514fc00c00010001000001eb0004a92ddbe8");

    /// <summary>tcpdump/dns_udp.pcap frame 2: 2 answers, 2 NS in authority, 4 glue + OPT in additional.</summary>
    public static readonly byte[] TcpdumpResponse = Convert.FromHexString(
        "593485000001000200020005037777770774637064756d70036f72670000010001c00c000100010000003c0004c08b2e42c00c000100010000003c0004c6c75868c0100002000100015180001203736e7308636f6f7065726978036e657400c01000020001000151800012036e69630973616e64656c6d616e02636100c06b000100010000012c0004d157f912c06b001c00010000012c00102607f0b0000f000000000000babef00dc04d0001000100001c200004616b850fc04d001c000100001c20001026003c0300000000f03c91fffe96e8ef0000291000000000000000");

    /// <summary>zeek/dns_mdns.pcap frame 4: mDNS announcement, every record with the cache-flush bit.</summary>
    public static readonly byte[] MdnsAnnouncement = Convert.FromHexString(
        "0000840000000006000000001c6a6f68616e6e612d51454d552d5669727475616c2d4d616368696e65056c6f63616c00001c8001000000000010fd52429ec03c8235883cd6fffee14dc40134016301640134013101650165016601660166013601640163013301380138013501330132013801630133013001630165013901320134013201350164016603697036046172706100000c8001000000000002c00cc00c001c8001000000000010fd52429ec03c823559685bc61563f82f0166013201380166013301360135013101360163016201350138013601390135c06a000c8001000000000002c00cc00c000180010000000000040a00020701370132013002313007696e2d61646472c08e000c8001000000000002c00c");

    /// <summary>zeek/dns_mdns.pcap frame 2: mDNS query for _ipp._tcp.local and _ipps._tcp.local (second compressed).</summary>
    public static readonly byte[] MdnsQuery = Convert.FromHexString(
        "000000000002000000000000045f697070045f746370056c6f63616c00000c0001055f69707073c011000c0001");

    /// <summary>Header of a query (id 0xbeef, RD) with <paramref name="questions"/> questions, followed by <paramref name="body"/>.</summary>
    public static byte[] Query(int questions, string body) =>
        Convert.FromHexString("beef0100" + questions.ToString("x4", System.Globalization.CultureInfo.InvariantCulture) + "000000000000" + body);

    /// <summary>A response header with one question "a" A IN (@12..@18) and <paramref name="answers"/> answers, followed by <paramref name="answerBytes"/> (starting @19).</summary>
    public static byte[] ResponseWithQuestionA(int answers, string answerBytes) =>
        Convert.FromHexString("beef8180" + "0001" + answers.ToString("x4", System.Globalization.CultureInfo.InvariantCulture) + "00000000" + "016100" + "0001" + "0001" + answerBytes);
}
