namespace DeviceWatch.Dissect.Common;

/// <summary>
/// An incremental, sans-IO parser for one bidirectional byte stream (one TCP connection or one decrypted
/// TLS session). Bytes may arrive split at any offset; "need more data" is not an error.
/// </summary>
public interface IStreamDissector
{
    /// <summary>Short protocol name (<c>http</c>, <c>tls</c>, <c>mqtt</c>, <c>dns</c>).</summary>
    string Protocol { get; }

    /// <summary>False once the dissector has nothing more to learn (e.g. TLS after both hellos): callers may stop feeding.</summary>
    bool WantsMoreData { get; }

    /// <summary>In-order stream bytes from one direction.</summary>
    void OnData(FlowDirection direction, ReadOnlySpan<byte> data, DateTime timestamp, IFactSink sink);

    /// <summary><paramref name="missingBytes"/> bytes of one direction were lost; the dissector must resynchronise or give up.</summary>
    void OnGap(FlowDirection direction, long missingBytes, DateTime timestamp, IFactSink sink);

    /// <summary>The stream ended (FIN/RST/end of input): emit what is complete, count what is not.</summary>
    void OnEnd(DateTime timestamp, IFactSink sink);
}
