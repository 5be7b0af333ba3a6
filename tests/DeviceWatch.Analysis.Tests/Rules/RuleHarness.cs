using DeviceWatch.Analysis.Profiles;
using DeviceWatch.Analysis.Rules;
using DeviceWatch.Core.Analysis;

namespace DeviceWatch.Analysis.Tests.Rules;

/// <summary>A small category and device to run single rules against.</summary>
internal static class RuleHarness
{
    public static readonly DateTime T0 = new(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);

    public static CategoryProfile Category { get; } = new()
    {
        Id = "cat",
        Functions = new Dictionary<string, IReadOnlyList<string>>
        {
            ["locate"] = [DataTypes.LocationGps],
            ["heart-rate"] = [DataTypes.HealthHeartRate],
            ["voice"] = [DataTypes.MediaAudio],
        },
        Limits = new LimitSet
        {
            Default = new DataTypeLimit { MaxPerHour = 60, MaxContinuousHours = 2, ContinuityGapMinutes = 15 },
            ByDataType = new Dictionary<string, DataTypeLimit>
            {
                [DataTypes.LocationGps] = new() { MaxPerHour = 12, FinestPrecisionM = 100 },
            },
        },
        CloudSensitive = [DataTypes.MediaAudio],
    };

    public static DeviceProfile Device { get; } = new()
    {
        Id = "dev",
        Category = "cat",
        Match = new DeviceMatch { Mac = "02:00:5e:00:00:01" },
        FirstParty = ["first.example"],
        Functions = ["locate", "heart-rate", "voice"],
        Rules = new PublishedRules
        {
            Declares = [DataTypes.LocationGps, DataTypes.HealthHeartRate, DataTypes.MediaAudio, DataTypes.IdImei],
        },
    };

    public static ProfileSet Set(DeviceProfile? device = null) => new([Category], [device ?? Device]);

    public static Observation Obs(
        double minutes,
        string dataType = DataTypes.LocationGps,
        string destination = "api.first.example",
        double? precision = null,
        string transport = Transports.TlsIntercepted,
        string device = "dev") =>
        new()
        {
            Ts = T0.AddMinutes(minutes),
            Uid = $"C{(int)(minutes * 1000):D8}",
            Device = device,
            Destination = destination,
            DataType = dataType,
            Field = "body:$.v",
            PrecisionM = precision,
            Transport = transport,
            Value = "value-1234567",
        };

    /// <summary>Observations every <paramref name="everyMinutes"/> from minute 0, <paramref name="count"/> of them.</summary>
    public static IEnumerable<Observation> Every(double everyMinutes, int count, string dataType = DataTypes.LocationGps, string destination = "api.first.example") =>
        Enumerable.Range(0, count).Select(i => Obs(i * everyMinutes, dataType, destination));

    public static FindingsDocument Run(ProfileSet set, IEnumerable<Observation> observations, IEnumerable<TlsInterceptionEvent>? tls = null) =>
        AnalysisSession.Run(set, observations, [], [], tls ?? [], ["test.pcap"]);

    public static IReadOnlyList<Finding> Findings(string rule, IEnumerable<Observation> observations, DeviceProfile? device = null, IEnumerable<TlsInterceptionEvent>? tls = null) =>
        Run(Set(device), observations, tls).AllFindings.Where(f => f.Rule == rule).ToArray();
}
