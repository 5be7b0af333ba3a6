namespace DeviceWatch.Dissect.Tests.Quic;

/// <summary>
/// The sample packet protection of RFC 9001 Appendix A (QUIC v1) and RFC 9369 Appendix A (QUIC v2), for the client's
/// Destination Connection ID 0x8394c8f03e515708. The two 1200-byte client packets are not copied here: the tests
/// rebuild them from the header and CRYPTO frame below and compare their SHA-256 with that of the RFC's bytes.
/// </summary>
internal static class QuicRfcVectors
{
    /// <summary>A.2 (both RFCs): the client's CRYPTO frame holding a ClientHello for example.com, ALPN "alpn"; PADDING follows to 1162 bytes.</summary>
    public const string ClientCryptoFrame =
        "060040f1010000ed0303ebf8fa56f12939b9584a3896472ec40bb863cfd3e868" +
        "04fe3a47f06a2b69484c00000413011302010000c000000010000e00000b6578" +
        "616d706c652e636f6dff01000100000a00080006001d00170018001000070005" +
        "04616c706e000500050100000000003300260024001d00209370b2c9caa47fba" +
        "baf4559fedba753de171fa71f50f1ce15d43e994ec74d748002b000302030400" +
        "0d0010000e0403050306030203080408050806002d00020101001c0002400100" +
        "3900320408ffffffffffffffff05048000ffff07048000ffff08011001048000" +
        "75300901100f088394c8f03e51570806048000ffff";

    /// <summary>Payload length of the A.2 client packet (CRYPTO frame plus PADDING).</summary>
    public const int ClientPayloadLength = 1162;

    public const string V1ClientHeader = "c300000001088394c8f03e5157080000449e00000002";
    public const string V1ClientProtectedHeader = "c000000001088394c8f03e5157080000449e7b9aec34";
    public const string V1ClientSample = "d1b1c98dd7689fb8ec11d242b123dc9b";
    public const string V1ClientMask = "437b9aec36";
    /// <summary>SHA-256 of the 1200-byte protected client Initial printed in RFC 9001 A.2.</summary>
    public const string V1ClientPacketSha256 = "73fa0210cb4a5a17dc10b9dc98e5cc359ba1c20fe7c0e93a9e1dcb473c37e097";

    public const string V2ClientHeader = "d36b3343cf088394c8f03e5157080000449e00000002";
    public const string V2ClientProtectedHeader = "d76b3343cf088394c8f03e5157080000449ea0c95e82";
    public const string V2ClientSample = "ffe67b6abcdb4298b485dd04de806071";
    public const string V2ClientMask = "94a0c95e80";
    /// <summary>SHA-256 of the 1200-byte protected client Initial printed in RFC 9369 A.2.</summary>
    public const string V2ClientPacketSha256 = "b0b766fe7e762577072d3365cc4f9635809210cba301a67f8457f5e6fdac5c68";

    /// <summary>A.3 (both RFCs): the server's Initial payload (ACK and CRYPTO with a ServerHello).</summary>
    public const string ServerPayload =
        "02000000000600405a020000560303eefce7f7b37ba1d1632e96677825ddf739" +
        "88cfc79825df566dc5430b9a045a1200130100002e00330024001d00209d3c94" +
        "0d89690b84d08a60993c144eca684d1081287c834d5311bcf32bb9da1a002b00" +
        "020304";

    public const string V1ServerHeader = "c1000000010008f067a5502a4262b50040750001";
    public const string V1ServerMask = "2ec0d8356a";
    public const string V1ServerPacket =
        "cf000000010008f067a5502a4262b5004075c0d95a482cd0991cd25b0aac406a" +
        "5816b6394100f37a1c69797554780bb38cc5a99f5ede4cf73c3ec2493a1839b3" +
        "dbcba3f6ea46c5b7684df3548e7ddeb9c3bf9c73cc3f3bded74b562bfb19fb84" +
        "022f8ef4cdd93795d77d06edbb7aaf2f58891850abbdca3d20398c276456cbc4" +
        "2158407dd074ee";

    public const string V2ServerHeader = "d16b3343cf0008f067a5502a4262b50040750001";
    public const string V2ServerMask = "4dd92e91ea";
    public const string V2ServerPacket =
        "dc6b3343cf0008f067a5502a4262b5004075d92faaf16f05d8a4398c47089698" +
        "baeea26b91eb761d9b89237bbf87263017915358230035f7fd3945d88965cf17" +
        "f9af6e16886c61bfc703106fbaf3cb4cfa52382dd16a393e42757507698075b2" +
        "c984c707f0a0812d8cd5a6881eaf21ceda98f4bd23f6fe1a3e2c43edd9ce7ca8" +
        "4bed8521e2e140";

    /// <summary>The RFC client header's packet number offset (after the 2-byte Length 0x449e).</summary>
    public const int ClientPacketNumberOffset = 18;

    /// <summary>The RFC server header's packet number offset.</summary>
    public const int ServerPacketNumberOffset = 18;

    /// <summary>The ClientHello handshake message inside <see cref="ClientCryptoFrame"/> (after type, offset and length).</summary>
    public static byte[] ClientHelloMessage => Convert.FromHexString(ClientCryptoFrame)[4..];
}
