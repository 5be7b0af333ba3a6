namespace DeviceWatch.Dissect.Http;

/// <summary>One request/response pair in a connection, tracked for FIFO pairing from the request head on.</summary>
internal sealed class HttpExchange
{
    /// <summary>Creates the exchange when the request head is complete.</summary>
    public HttpExchange(string method, int sequence, bool mayUpgrade)
    {
        Method = method;
        Sequence = sequence;
        MayUpgrade = mayUpgrade;
    }

    /// <summary>Request method (decides HEAD and CONNECT response framing).</summary>
    public string Method { get; }
    /// <summary>Index of the request in the connection.</summary>
    public int Sequence { get; }
    /// <summary>CONNECT or Upgrade request: the next originator bytes may not be HTTP.</summary>
    public bool MayUpgrade { get; }
    /// <summary>The complete request, once its body is read.</summary>
    public HttpRequestMessage? Request { get; set; }
    /// <summary>A response that completed before its request did; emitted when the request completes.</summary>
    public HttpResponseMessage? PendingResponse { get; set; }
    /// <summary>The request will never complete (stream ended or direction given up).</summary>
    public bool Abandoned { get; set; }
    /// <summary>A final response head for this exchange has been seen.</summary>
    public bool Answered { get; set; }
}
