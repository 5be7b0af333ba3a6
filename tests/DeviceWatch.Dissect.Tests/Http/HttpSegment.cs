using DeviceWatch.Dissect.Common;

namespace DeviceWatch.Dissect.Tests.Http;

/// <summary>One in-order payload from one side of a connection.</summary>
internal sealed record HttpSegment(FlowDirection Direction, byte[] Data);
