using System.Text;

namespace DeviceWatch.Synth.Payloads;

/// <summary>
/// Builds the TLS records of one connection (RFC 8446 / RFC 5246 wire format): ClientHello, the server's
/// flight, the client's finishing flight, and application data. Key material and ciphertext are random bytes
/// from the given <see cref="Random"/>, so output is deterministic for a seed. A TLS 1.2 server flight is
/// ServerHello + ServerHelloDone (no certificate).
/// </summary>
public sealed class TlsHandshakeBuilder
{
    private const byte ContentChangeCipherSpec = 20;
    private const byte ContentHandshake = 22;
    private const byte ContentApplicationData = 23;
    private const int MaxPlaintext = 16384;

    private readonly Random _random;
    private readonly byte[] _sessionId = new byte[32];

    /// <summary>Creates a builder for one connection.</summary>
    public TlsHandshakeBuilder(TlsClientHelloSpec client, TlsServerHelloSpec server, Random random)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(random);
        Client = client;
        Server = server;
        _random = random;
        _random.NextBytes(_sessionId);
    }

    /// <summary>The client's offer.</summary>
    public TlsClientHelloSpec Client { get; }

    /// <summary>The server's choice.</summary>
    public TlsServerHelloSpec Server { get; }

    private bool Tls13 => Server.Version == TlsVersions.Tls13;

    /// <summary>A handshake record holding the ClientHello.</summary>
    public byte[] ClientHello()
    {
        var body = new TlsWriter();
        body.U16(TlsVersions.Tls12);
        body.Random(_random, 32);
        body.U8(32);
        body.Bytes(_sessionId);
        body.U16((ushort)(Client.CipherSuites.Count * 2));
        foreach (var suite in Client.CipherSuites)
        {
            body.U16(suite);
        }

        body.Bytes([1, 0]); // compression methods: null

        var extensions = new TlsWriter();
        if (Client.ServerName is { } serverName)
        {
            var name = Encoding.ASCII.GetBytes(serverName);
            extensions.Extension(0, e =>
            {
                e.U16((ushort)(name.Length + 3));
                e.U8(0);
                e.U16((ushort)name.Length);
                e.Bytes(name);
            });
        }

        extensions.Extension(23, _ => { });                  // extended_master_secret
        extensions.Extension(0xFF01, e => e.U8(0));          // renegotiation_info
        extensions.Extension(10, e => e.U16List(Client.SupportedGroups));
        extensions.Extension(11, e => e.Bytes([1, 0]));      // ec_point_formats: uncompressed
        extensions.Extension(35, _ => { });                  // session_ticket
        if (Client.Alpn.Count > 0)
        {
            extensions.Extension(16, e =>
            {
                var list = new TlsWriter();
                foreach (var protocol in Client.Alpn)
                {
                    var bytes = Encoding.ASCII.GetBytes(protocol);
                    list.U8((byte)bytes.Length);
                    list.Bytes(bytes);
                }

                e.U16((ushort)list.Length);
                e.Bytes(list.ToArray());
            });
        }

        extensions.Extension(5, e => e.Bytes([1, 0, 0, 0, 0]));   // status_request (OCSP)
        extensions.Extension(13, e => e.U16List(Client.SignatureAlgorithms));
        if (Client.SupportedVersions.Contains(TlsVersions.Tls13))
        {
            extensions.Extension(51, e =>
            {
                var shares = new TlsWriter();
                foreach (var group in Client.KeyShareGroups)
                {
                    var length = KeyShareLength(group);
                    shares.U16(group);
                    shares.U16((ushort)length);
                    shares.Random(_random, length);
                }

                e.U16((ushort)shares.Length);
                e.Bytes(shares.ToArray());
            });
            extensions.Extension(45, e => e.Bytes([1, 1]));      // psk_key_exchange_modes: psk_dhe_ke
        }

        if (Client.SupportedVersions.Count > 0)
        {
            extensions.Extension(43, e =>
            {
                e.U8((byte)(Client.SupportedVersions.Count * 2));
                foreach (var version in Client.SupportedVersions)
                {
                    e.U16(version);
                }
            });
        }

        body.U16((ushort)extensions.Length);
        body.Bytes(extensions.ToArray());
        return Record(ContentHandshake, TlsVersions.Tls10, Handshake(1, body.ToArray()));
    }

    /// <summary>
    /// The server's first flight: ServerHello, then for TLS 1.3 a ChangeCipherSpec and the encrypted rest of
    /// the handshake as an application-data record; for TLS 1.2 a ServerHelloDone.
    /// </summary>
    public byte[] ServerFlight()
    {
        var body = new TlsWriter();
        body.U16(TlsVersions.Tls12);
        body.Random(_random, 32);
        body.U8(32);
        body.Bytes(_sessionId);
        body.U16(Server.CipherSuite ?? (Tls13 ? (ushort)0x1301 : (ushort)0xC02F));
        body.U8(0);
        var extensions = new TlsWriter();
        if (Tls13)
        {
            extensions.Extension(43, e => e.U16(TlsVersions.Tls13));
            extensions.Extension(51, e =>
            {
                var length = KeyShareLength(Server.KeyShareGroup);
                e.U16(Server.KeyShareGroup);
                e.U16((ushort)length);
                e.Random(_random, length);
            });
        }
        else
        {
            extensions.Extension(0xFF01, e => e.U8(0));
            extensions.Extension(23, _ => { });
            extensions.Extension(11, e => e.Bytes([1, 0]));
            if (Server.Alpn is { } alpn)
            {
                var bytes = Encoding.ASCII.GetBytes(alpn);
                extensions.Extension(16, e =>
                {
                    e.U16((ushort)(bytes.Length + 1));
                    e.U8((byte)bytes.Length);
                    e.Bytes(bytes);
                });
            }
        }

        body.U16((ushort)extensions.Length);
        body.Bytes(extensions.ToArray());
        var serverHello = Record(ContentHandshake, TlsVersions.Tls12, Handshake(2, body.ToArray()));
        if (!Tls13)
        {
            return [.. serverHello, .. Record(ContentHandshake, TlsVersions.Tls12, Handshake(14, []))];
        }

        return [.. serverHello, .. ChangeCipherSpec(), .. EncryptedRecord(ContentApplicationData, Server.EncryptedFlightLength)];
    }

    /// <summary>
    /// The client's finishing flight: TLS 1.3 ChangeCipherSpec + encrypted Finished; TLS 1.2 ClientKeyExchange
    /// + ChangeCipherSpec + encrypted Finished.
    /// </summary>
    public byte[] ClientFinishFlight()
    {
        if (Tls13)
        {
            return [.. ChangeCipherSpec(), .. EncryptedRecord(ContentApplicationData, 53)];
        }

        var keyExchange = new TlsWriter();
        keyExchange.U8(32);
        keyExchange.Random(_random, 32);
        return
        [
            .. Record(ContentHandshake, TlsVersions.Tls12, Handshake(16, keyExchange.ToArray())),
            .. ChangeCipherSpec(),
            .. EncryptedRecord(ContentHandshake, 40),
        ];
    }

    /// <summary>
    /// The server's last handshake flight: TLS 1.2 ChangeCipherSpec + encrypted Finished; TLS 1.3 two encrypted
    /// NewSessionTicket records.
    /// </summary>
    public byte[] ServerFinishFlight() =>
        Tls13
            ? [.. EncryptedRecord(ContentApplicationData, 255), .. EncryptedRecord(ContentApplicationData, 255)]
            : [.. ChangeCipherSpec(), .. EncryptedRecord(ContentHandshake, 40)];

    /// <summary>Application-data records carrying <paramref name="plaintextLength"/> bytes (random ciphertext).</summary>
    public byte[] ApplicationData(int plaintextLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(plaintextLength, 1);
        var overhead = Tls13 ? 17 : 24; // 1.3: content type + tag; 1.2 GCM: explicit nonce + tag
        var output = new List<byte>(plaintextLength + (plaintextLength / MaxPlaintext + 1) * (overhead + 5));
        for (var remaining = plaintextLength; remaining > 0; remaining -= MaxPlaintext)
        {
            output.AddRange(EncryptedRecord(ContentApplicationData, Math.Min(remaining, MaxPlaintext) + overhead));
        }

        return [.. output];
    }

    private static int KeyShareLength(ushort group) => group switch
    {
        0x001D => 32,  // x25519
        0x001E => 56,  // x448
        0x0017 => 65,  // secp256r1 (uncompressed point)
        0x0018 => 97,  // secp384r1
        0x0019 => 133, // secp521r1
        _ => 32,
    };

    private static byte[] Handshake(byte type, byte[] body) =>
        [type, (byte)(body.Length >> 16), (byte)(body.Length >> 8), (byte)body.Length, .. body];

    private static byte[] Record(byte contentType, ushort version, byte[] fragment) =>
        [contentType, (byte)(version >> 8), (byte)version, (byte)(fragment.Length >> 8), (byte)fragment.Length, .. fragment];

    private static byte[] ChangeCipherSpec() => Record(ContentChangeCipherSpec, TlsVersions.Tls12, [1]);

    private byte[] EncryptedRecord(byte contentType, int length)
    {
        var ciphertext = new byte[length];
        _random.NextBytes(ciphertext);
        return Record(contentType, TlsVersions.Tls12, ciphertext);
    }
}
