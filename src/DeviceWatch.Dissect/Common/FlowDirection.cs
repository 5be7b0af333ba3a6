namespace DeviceWatch.Dissect.Common;

/// <summary>Which side of a flow sent some bytes.</summary>
public enum FlowDirection
{
    /// <summary>Sent by the originator (the client: the side that opened the connection).</summary>
    FromOriginator,
    /// <summary>Sent by the responder (the server).</summary>
    FromResponder,
}
