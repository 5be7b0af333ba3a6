using DeviceWatch.Analysis.Profiles;

namespace DeviceWatch.Analysis.Tests.Profiles;

public sealed class ProfileLoaderTests : IDisposable
{
    private const string Category = """
        id: cat
        name: Test category
        functions:
          locate: [location.gps]
          heart-rate: [health.heart_rate]
        limits:
          default: { max_per_hour: 60, max_continuous_hours: 2, continuity_gap_minutes: 15 }
          location.gps: { max_per_hour: 12, finest_precision_m: 100 }
        cloud_sensitive: [media.audio]
        """;

    private const string Device = """
        id: dev
        category: cat
        match: { mac: "02:00:5E:10:00:01" }
        first_party: [first.example]
        functions: [locate]
        phases:
          - { from: "2026-03-01T09:00:00Z", to: "2026-03-01T10:00:00Z", state: idle }
          - { from: "2026-03-01T10:00:00Z", to: "2026-03-01T10:30:00Z", state: function-off, functions: [locate] }
        limits: { location.gps: { max_per_hour: 6 } }
        """;

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "dw-profiles-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private ProfileLoadResult LoadWith(string category, string device)
    {
        Directory.CreateDirectory(Path.Combine(_dir, "categories"));
        Directory.CreateDirectory(Path.Combine(_dir, "devices"));
        File.WriteAllText(Path.Combine(_dir, "categories", "cat.yaml"), category);
        File.WriteAllText(Path.Combine(_dir, "devices", "dev.yaml"), device);
        return ProfileLoader.Load(_dir);
    }

    private ProfileError SingleError(string category, string device)
    {
        var result = LoadWith(category, device);
        Assert.False(result.IsValid);
        Assert.Null(result.Profiles);
        return Assert.Single(result.Errors);
    }

    [Fact]
    public void Load_ValidProfiles_MatchesAndMergesLimits()
    {
        var result = LoadWith(Category, Device);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var set = result.Profiles!;
        var device = Assert.IsType<DeviceProfile>(set.Match("02:00:5e:10:00:01", [], null));
        Assert.Equal("dev", device.Id);
        var gps = set.EffectiveLimit(device, "location.gps");
        Assert.Equal(6, gps.MaxPerHour);
        Assert.Equal(100, gps.FinestPrecisionM);
        Assert.Equal(2, gps.MaxContinuousHours);
        var steps = set.EffectiveLimit(device, "health.steps");
        Assert.Equal(60, steps.MaxPerHour);
        Assert.Equal(2, device.Phases.Count);
        Assert.Equal(PhaseState.FunctionOff, device.Phases[1].State);
    }

    [Fact]
    public void Match_ByIpAndHostname_FindsDevice()
    {
        var result = LoadWith(Category, Device.Replace("mac: \"02:00:5E:10:00:01\"", "ip: 192.168.1.20, hostname: Kid-Watch"));
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal("dev", result.Profiles!.Match(null, ["192.168.1.20"], null)?.Id);
        Assert.Equal("dev", result.Profiles.Match("02:00:00:00:00:09", [], "kid-watch")?.Id);
        Assert.Null(result.Profiles.Match("02:00:00:00:00:09", ["192.168.1.21"], "other"));
    }

    [Fact]
    public void Load_RepositoryProfiles_AreValid()
    {
        var dir = SourceDirectory();
        while (!Directory.Exists(Path.Combine(dir, "profiles", "categories")))
        {
            dir = Path.GetDirectoryName(dir) ?? throw new DirectoryNotFoundException("profiles/ not found above the test folder");
        }

        var result = ProfileLoader.Load(Path.Combine(dir, "profiles"));
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(
            ["childrens-watch", "learning-tablet", "smart-camera", "smart-lock", "smart-speaker", "smartwatch"],
            result.Profiles!.Categories.Select(c => c.Id));
        Assert.Equal("kids-watch-01", result.Profiles.Match("02:00:5e:10:00:01", [], null)?.Id);
    }

    private static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.GetDirectoryName(path)!;

    [Fact]
    public void Load_UnknownDataType_NamesFileAndKeyPath()
    {
        var error = SingleError(Category.Replace("location.gps: { max_per_hour: 12", "location.gsp: { max_per_hour: 12"), Device);
        Assert.EndsWith("cat.yaml", error.File);
        Assert.Equal("limits.location.gsp", error.KeyPath);
        Assert.Contains("unknown data type 'location.gsp'", error.Message);
        Assert.Contains("cat.yaml", error.ToString());
    }

    [Fact]
    public void Load_UnknownFunction_NamesFileAndKeyPath()
    {
        var error = SingleError(Category, Device.Replace("\nfunctions: [locate]\n", "\nfunctions: [locate, teleport]\n"));
        Assert.EndsWith("dev.yaml", error.File);
        Assert.Equal("functions[1]", error.KeyPath);
        Assert.Contains("unknown function 'teleport'", error.Message);
    }

    [Fact]
    public void Load_UnknownCategory_NamesFileAndKeyPath()
    {
        var error = SingleError(Category, Device.Replace("category: cat", "category: toaster"));
        Assert.EndsWith("dev.yaml", error.File);
        Assert.Equal("category", error.KeyPath);
        Assert.Contains("unknown category 'toaster'", error.Message);
    }

    [Fact]
    public void Load_PhaseEndingBeforeStart_IsBadTimeRange()
    {
        var error = SingleError(Category, Device.Replace("to: \"2026-03-01T10:00:00Z\", state: idle", "to: \"2026-03-01T08:00:00Z\", state: idle"));
        Assert.EndsWith("dev.yaml", error.File);
        Assert.Equal("phases[0]", error.KeyPath);
        Assert.Contains("bad time range", error.Message);
    }

    [Fact]
    public void Load_UnparsableTime_IsBadTimeRange()
    {
        var error = SingleError(Category, Device.Replace("from: \"2026-03-01T09:00:00Z\"", "from: \"yesterday\""));
        Assert.Equal("phases[0].from", error.KeyPath);
        Assert.Contains("bad time range", error.Message);
    }

    [Fact]
    public void Load_OverlappingPhases_NamesTheLaterPhase()
    {
        var error = SingleError(Category, Device.Replace("from: \"2026-03-01T10:00:00Z\", to: \"2026-03-01T10:30:00Z\"", "from: \"2026-03-01T09:30:00Z\", to: \"2026-03-01T10:30:00Z\""));
        Assert.EndsWith("dev.yaml", error.File);
        Assert.Equal("phases[1]", error.KeyPath);
        Assert.Contains("overlapping phases", error.Message);
    }

    [Fact]
    public void Load_BadMac_NamesFileAndKeyPath()
    {
        var error = SingleError(Category, Device.Replace("02:00:5E:10:00:01", "02:00:5e:10:00"));
        Assert.EndsWith("dev.yaml", error.File);
        Assert.Equal("match.mac", error.KeyPath);
        Assert.Contains("bad MAC address", error.Message);
    }

    [Fact]
    public void Load_NegativeLimit_NamesFileAndKeyPath()
    {
        var error = SingleError(Category, Device.Replace("max_per_hour: 6", "max_per_hour: -6"));
        Assert.EndsWith("dev.yaml", error.File);
        Assert.Equal("limits.location.gps.max_per_hour", error.KeyPath);
        Assert.Contains("negative limit", error.Message);
    }

    [Fact]
    public void Load_UnknownKey_NamesFileAndKeyPath()
    {
        var error = SingleError(Category.Replace("max_per_hour: 12, finest", "max_per_hours: 12, finest"), Device);
        Assert.EndsWith("cat.yaml", error.File);
        Assert.Equal("limits.location.gps.max_per_hours", error.KeyPath);
        Assert.Contains("unknown key", error.Message);
    }

    [Fact]
    public void Load_FunctionOffWithoutFunctions_IsRejected()
    {
        var error = SingleError(Category, Device.Replace(", functions: [locate] }", " }"));
        Assert.Equal("phases[1].functions", error.KeyPath);
    }

    [Fact]
    public void Load_InvalidYaml_NamesFileAndLine()
    {
        var error = SingleError(Category, Device + "\nphases: [\n");
        Assert.EndsWith("dev.yaml", error.File);
        Assert.Contains("invalid YAML", error.Message);
        Assert.True(error.Line > 0);
    }

    [Fact]
    public void Load_MissingFolder_IsAnError()
    {
        var result = ProfileLoader.Load(Path.Combine(_dir, "nope"));
        Assert.False(result.IsValid);
        Assert.Contains("not found", Assert.Single(result.Errors).Message);
    }
}
