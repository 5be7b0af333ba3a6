namespace DeviceWatch.Capture.Tests.Reassembly;

/// <summary>One test segment: stream bytes [Offset, Offset + Data.Length); <see cref="Fin"/> when it ends the stream.</summary>
internal sealed record TcpTestSegment(int Offset, byte[] Data, bool Fin)
{
    public int End => Offset + Data.Length;

    public override string ToString() => $"[{Offset},{End}){(Fin ? " FIN" : "")}";
}
