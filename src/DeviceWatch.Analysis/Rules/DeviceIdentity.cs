using DeviceWatch.Analysis.Profiles;
using DeviceWatch.Core.Records;

namespace DeviceWatch.Analysis.Rules;

/// <summary>A device as resolved for output: its id, MAC, record and profile.</summary>
internal sealed record DeviceIdentity(string Id, string Mac, DeviceRecord? Record, DeviceProfile? Profile);
