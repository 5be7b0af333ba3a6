using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DeviceWatch.Cli.Commands;

/// <summary>
/// Reads a YAML configuration file of <c>devicewatch run</c> into the flat <c>Section:Key</c> pairs of
/// Microsoft.Extensions.Configuration (sequences become <c>Key:0</c>, <c>Key:1</c>…), so YAML and JSON files bind
/// the same way.
/// </summary>
internal static class RunYamlConfiguration
{
    /// <summary>True for a <c>.yaml</c> or <c>.yml</c> file.</summary>
    public static bool IsYaml(string path) =>
        path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);

    /// <summary>The file's settings; a <see cref="UsageException"/> names the file, line and column of a syntax error.</summary>
    public static Dictionary<string, string?> Read(string path)
    {
        var stream = new YamlStream();
        try
        {
            using var reader = File.OpenText(path);
            stream.Load(reader);
        }
        catch (YamlException ex)
        {
            throw new UsageException($"--config {path}: line {ex.Start.Line}, column {ex.Start.Column}: {ex.Message}");
        }

        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (stream.Documents.Count == 0)
        {
            return values;
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new UsageException($"--config {path}: the top level must be a mapping of settings");
        }

        Flatten(root, prefix: null, values);
        return values;
    }

    private static void Flatten(YamlNode node, string? prefix, Dictionary<string, string?> values)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                foreach (var (key, child) in mapping.Children)
                {
                    var name = ((YamlScalarNode)key).Value ?? "";
                    Flatten(child, prefix is null ? name : prefix + ":" + name, values);
                }

                break;
            case YamlSequenceNode sequence:
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    Flatten(sequence.Children[i], prefix + ":" + i.ToString(CultureInfo.InvariantCulture), values);
                }

                break;
            case YamlScalarNode scalar when prefix is not null:
                values[prefix] = scalar.Value;
                break;
        }
    }
}
