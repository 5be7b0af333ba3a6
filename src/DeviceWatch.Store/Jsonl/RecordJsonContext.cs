using System.Text.Json.Serialization;
using DeviceWatch.Core.Analysis;
using DeviceWatch.Core.Records;

namespace DeviceWatch.Store.Jsonl;

/// <summary>Source-generated JSON metadata for every log record (snake_case names, ISO timestamps).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    Converters = [typeof(IsoTimestampConverter)],
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ConnRecord))]
[JsonSerializable(typeof(DnsRecord))]
[JsonSerializable(typeof(DhcpRecord))]
[JsonSerializable(typeof(TlsRecord))]
[JsonSerializable(typeof(HttpRecord))]
[JsonSerializable(typeof(MqttRecord))]
[JsonSerializable(typeof(DeviceRecord))]
[JsonSerializable(typeof(IReadOnlyList<DeviceRecord>))]
[JsonSerializable(typeof(Observation))]
public sealed partial class RecordJsonContext : JsonSerializerContext;
