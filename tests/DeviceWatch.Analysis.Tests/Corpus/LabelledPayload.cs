using DeviceWatch.Core.Analysis;

namespace DeviceWatch.Analysis.Tests.Corpus;

/// <summary>A generated payload and the data types it really contains.</summary>
public sealed record LabelledPayload(string Family, string Description, Payload Payload, IReadOnlySet<string> Labels);
