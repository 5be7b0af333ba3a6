namespace DeviceWatch.Dissect.Quic;

/// <summary>A packet whose protection was removed.</summary>
/// <param name="FirstByte">The first byte with header protection removed (reserved bits and packet number length visible).</param>
/// <param name="PacketNumber">The full packet number (reconstructed from its truncated form).</param>
/// <param name="Payload">The decrypted frames.</param>
internal sealed record QuicDecryptedPacket(byte FirstByte, ulong PacketNumber, byte[] Payload);
