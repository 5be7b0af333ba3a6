using DeviceWatch.Dissect.Common;

namespace DeviceWatch.Dissect.Http;

/// <summary>What a <see cref="HttpDirectionReader"/> reports to the connection that owns it.</summary>
internal interface IHttpMessageHandler
{
    /// <summary>A head is complete; returns how its body is framed (pairing decides HEAD/CONNECT responses).</summary>
    HttpFramingResult OnHeadComplete(HttpDirectionReader reader, HttpMessageHead head, DateTime timestamp, IFactSink sink);

    /// <summary>A message is complete (head and body).</summary>
    void OnMessageComplete(HttpDirectionReader reader, HttpMessageHead head, HttpBody body, DateTime timestamp, IFactSink sink);

    /// <summary>The message whose head was reported will never complete (given up or stream ended).</summary>
    void OnMessageAbandoned(HttpDirectionReader reader, IFactSink sink);
}
