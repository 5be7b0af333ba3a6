using DeviceWatch.Cli.Commands;
using DeviceWatch.EndToEnd.Tests.Infrastructure;

namespace DeviceWatch.EndToEnd.Tests.Lab;

/// <summary><c>run --config</c> takes JSON or YAML and binds both the same way; bad files name the file and place.</summary>
public sealed class RunConfigurationTests
{
    private const string Json = """
        { "Output": "/tmp/dw-out", "SummaryIntervalSeconds": 5, "FindingsRefreshSeconds": 20,
          "Capture": { "Interfaces": ["eth1", "eth2"], "Filter": "not port 22", "RotateMb": 10 } }
        """;

    private const string Yaml = """
        # the same settings as the JSON file
        Output: /tmp/dw-out
        SummaryIntervalSeconds: 5
        FindingsRefreshSeconds: 20
        Capture:
          Interfaces: [eth1, eth2]
          Filter: not port 22
          RotateMb: 10
        """;

    [Fact]
    public void LoadSettings_YamlAndJson_BindTheSame()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("run.json"), Json);
        File.WriteAllText(dir.File("run.yaml"), Yaml);

        var fromJson = RunCommand.LoadSettings(dir.File("run.json"), []);
        var fromYaml = RunCommand.LoadSettings(dir.File("run.yaml"), []);

        Assert.Equal(["eth1", "eth2"], fromYaml.Capture.Interfaces);
        Assert.Equal(fromJson.Capture.Interfaces, fromYaml.Capture.Interfaces);
        Assert.Equal((fromJson.Output, fromJson.SummaryIntervalSeconds, fromJson.FindingsRefreshSeconds, fromJson.Capture.Filter, fromJson.Capture.RotateMb),
            (fromYaml.Output, fromYaml.SummaryIntervalSeconds, fromYaml.FindingsRefreshSeconds, fromYaml.Capture.Filter, fromYaml.Capture.RotateMb));
    }

    [Fact]
    public void LoadSettings_YamlSyntaxError_NamesFileAndLine()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("bad.yml"), "Output: /tmp/x\nCapture:\n  Interfaces: [eth1\n");

        var error = Assert.Throws<UsageException>(() => RunCommand.LoadSettings(dir.File("bad.yml"), []));

        Assert.Contains("bad.yml", error.Message);
        Assert.Contains("line", error.Message);
    }

    [Fact]
    public void LoadSettings_UnknownYamlKey_IsRefused()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("typo.yaml"), "Output: /tmp/x\nCapture:\n  Interfaces: [eth1]\n  Filtre: tcp\n");

        var error = Assert.Throws<UsageException>(() => RunCommand.LoadSettings(dir.File("typo.yaml"), []));

        Assert.Contains("Filtre", error.Message);
    }
}
