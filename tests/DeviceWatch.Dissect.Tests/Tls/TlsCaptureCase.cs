namespace DeviceWatch.Dissect.Tests.Tls;

/// <summary>A captured TLS connection and what tshark 4.0 (an independent dissector) says about its hellos.</summary>
internal sealed record TlsCaptureCase(
    string Name,
    Segment[] Segments,
    string Ja3,
    string Ja3Text,
    string? ServerName,
    string[] Alpn,
    ushort[] SupportedVersions,
    ushort ServerCipher,
    ushort? SelectedVersion,
    string? ServerAlpn,
    bool HasEncryptedClientHello)
{
    public override string ToString() => Name;

    public static readonly TlsCaptureCase[] All =
    [
        new("ndpi/tls_with_huge_ch (ClientHello over 12 segments)", TlsCaptureVectors.HugeClientHello,
            "66d6080b942b0b593896bf729f3fd326",
            "771,4867-4866-4865-60-49200-49187-52393-49195-156-49191-49196-49162-49161-53-49171-10-49170-47,45-13-35-10-51-43-11-16-65281-23-21,29-23-24,0",
            null, ["h2", "http/1.1"], [0x0304, 0x0303, 0x0302, 0x0301], 0x1303, 0x0304, null, false),
        new("zeek/tls_tls13-ech", TlsCaptureVectors.ZeekTls13Ech,
            "2fcbf8655473005933c5869b2b5d8044",
            "771,4865-4866-4867-49195-49199-49196-49200-52393-52392-49171-49172-156-157-47-53,65281-16-13-51-45-17513-35-43-10-65037-23-5-18-11-0-27-21,29-23-24,0",
            "cloudflare-ech.com", ["h2", "http/1.1"], [0x0304, 0x0303], 0x1301, 0x0304, null, true),
        new("ndpi/443-curl", TlsCaptureVectors.NdpiCurl,
            "2a26b1a62e40d25d4de3babc9d532f30",
            "771,52244-52243-52245-49200-49196-49192-49188-49172-49162-163-159-107-106-57-56-65413-196-195-136-135-129-49202-49198-49194-49190-49167-49157-157-61-53-192-132-49199-49195-49191-49187-49171-49161-162-158-103-64-51-50-190-189-69-68-49201-49197-49193-49189-49166-49156-156-60-47-186-65-49170-49160-22-19-49165-49155-10-255,0-11-10-13-13172-16-21,14-13-25-28-11-12-27-24-9-10-26-22-23-8-6-7-20-21-4-5-18-19-1-2-3-15-16-17,0-1-2",
            "www.ntop.org", ["h2", "http/1.1"], [], 0xc02f, null, "h2", false),
        new("zeek/tls_ecdhe", TlsCaptureVectors.ZeekEcdhe,
            "29d8afc9e0a4d38d138ec2643966815f",
            "771,49172-255,11-10-35-13-15,14-13-25-11-12-24-9-10-22-23-8-6-7-20-21-4-5-18-19-1-2-3-15-16-17,0-1-2",
            null, [], [], 0xc014, null, null, false),
        new("zeek/tls_client-certificate", TlsCaptureVectors.ZeekClientCertificate,
            "579ccef312d18482fc42e2b822ca2430",
            "771,4865-4867-4866-49195-49199-52393-52392-49196-49200-49162-49161-49171-49172-156-157-47-53,0-23-65281-10-11-35-16-5-34-51-43-13-45-28-21,29-23-24-25-256-257,0",
            "certauth.idrix.fr", ["h2", "http/1.1"], [0x0304, 0x0303], 0xc030, null, "http/1.1", false),
        new("ndpi/tls_ech", TlsCaptureVectors.NdpiEch,
            "6820f114cf3b0809ffdcb30cb277848a",
            "771,4865-4866-4867-49195-49199-49196-49200-52393-52392-49171-49172-156-157-47-53,51-35-65281-45-27-10-23-5-18-43-13-16-0-65037-11-17513,29-23-24,0",
            "performance.radar.cloudflare.com", ["h2", "http/1.1"], [0x0304, 0x0303], 0x1301, 0x0304, null, true),
        new("live openssl TLS 1.3 -servername x -alpn h2,http/1.1", TlsCaptureVectors.LiveTls13,
            "5a1edc7f170af1014fc65c994878e63c",
            "771,4866-4867-4865-49196-49200-159-52393-52392-52394-49195-49199-158-49188-49192-107-49187-49191-103-49162-49172-57-49161-49171-51-157-156-61-60-53-47-255,0-11-10-35-16-22-23-13-43-45-51,29-23-30-25-24-256-257-258-259-260,0-1-2",
            "x", ["h2", "http/1.1"], [0x0304, 0x0303, 0x0302, 0x0301], 0x1302, 0x0304, null, false),
        new("live openssl TLS 1.2 -alpn http/1.1", TlsCaptureVectors.LiveTls12,
            "22558766122974704364c9c75c5cce0a",
            "771,49196-49200-159-52393-52392-52394-49195-49199-158-49188-49192-107-49187-49191-103-49162-49172-57-49161-49171-51-157-156-61-60-53-47-255,0-11-10-35-16-22-23-13,29-23-30-25-24,0-1-2",
            "dw.test", ["http/1.1"], [], 0xc02c, null, "http/1.1", false),
        new("live openssl TLS 1.2 client rejecting the certificate", TlsCaptureVectors.LivePinnedAlert,
            "871a754af286dfb70c1b53c6887c62e0",
            "771,49196-49200-159-52393-52392-52394-49195-49199-158-49188-49192-107-49187-49191-103-49162-49172-57-49161-49171-51-157-156-61-60-53-47-255,0-11-10-35-22-23-13,29-23-30-25-24,0-1-2",
            "pinned.example", [], [], 0xc02c, null, null, false),
        new("live openssl TLS 1.3 without SNI", TlsCaptureVectors.LiveNoSni,
            "1ac7c953cc4b89c08be61f2f0f9bd8fe",
            "771,4866-4867-4865-255,11-10-35-22-23-13-43-45-51,24,0-1-2",
            null, [], [0x0304], 0x1302, 0x0304, null, false),
        new("live openssl TLS 1.3 HelloRetryRequest", TlsCaptureVectors.LiveHelloRetry,
            "a4cb0a2566ce0ad47dcd4e59ad18f66e",
            "771,4866-4867-4865-49196-49200-159-52393-52392-52394-49195-49199-158-49188-49192-107-49187-49191-103-49162-49172-57-49161-49171-51-157-156-61-60-53-47-255,0-11-10-35-22-23-13-43-45-51,23-29,0-1-2",
            "hrr.test", [], [0x0304, 0x0303, 0x0302, 0x0301], 0x1302, 0x0304, null, false),
    ];

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var c in All)
        {
            data.Add(c.Name);
        }
        return data;
    }

    public static TlsCaptureCase Named(string name) => All.Single(c => c.Name == name);
}
