using System.Globalization;
using DeviceWatch.Core.Analysis;
using DeviceWatch.Core.Time;
using YamlDotNet.RepresentationModel;

namespace DeviceWatch.Analysis.Profiles;

/// <summary>Typed, validating access to one YAML profile file; every problem becomes a <see cref="ProfileError"/>.</summary>
internal sealed class YamlFileReader
{
    private readonly List<ProfileError> _errors;

    public YamlFileReader(string file, List<ProfileError> errors)
    {
        File = file;
        _errors = errors;
    }

    public string File { get; }

    public void Error(string path, string message, YamlNode? node) =>
        _errors.Add(new ProfileError(File, path, message, node is null ? 0 : (int)node.Start.Line));

    public YamlMappingNode? ReadRoot(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            _errors.Add(new ProfileError(File, "", $"invalid YAML: {ex.Message}", (int)ex.Start.Line));
            return null;
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            Error("", "the file must hold one YAML mapping (key: value lines)", null);
            return null;
        }

        return root;
    }

    /// <summary>Key → value with unknown keys reported.</summary>
    public Dictionary<string, YamlNode> Keys(YamlMappingNode map, string path, IReadOnlyCollection<string>? allowed)
    {
        var result = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in map.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            var keyPath = Join(path, key);
            if (allowed is not null && !allowed.Contains(key))
            {
                Error(keyPath, $"unknown key '{key}'; expected one of: {string.Join(", ", allowed)}", keyNode);
                continue;
            }

            if (!result.TryAdd(key, value))
            {
                Error(keyPath, $"duplicate key '{key}'", keyNode);
            }
        }

        return result;
    }

    public static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    public string? String(Dictionary<string, YamlNode> keys, string key, string path, bool required)
    {
        if (!keys.TryGetValue(key, out var node))
        {
            if (required)
            {
                Error(Join(path, key), "required key is missing", null);
            }

            return null;
        }

        if (node is YamlScalarNode { Value: { Length: > 0 } value })
        {
            return value;
        }

        Error(Join(path, key), "expected a non-empty text value", node);
        return null;
    }

    public bool? Bool(Dictionary<string, YamlNode> keys, string key, string path)
    {
        if (!keys.TryGetValue(key, out var node))
        {
            return null;
        }

        if (node is YamlScalarNode scalar && bool.TryParse(scalar.Value, out var value))
        {
            return value;
        }

        Error(Join(path, key), $"expected true or false, got '{(node as YamlScalarNode)?.Value}'", node);
        return null;
    }

    public double? Number(Dictionary<string, YamlNode> keys, string key, string path, bool integer)
    {
        if (!keys.TryGetValue(key, out var node))
        {
            return null;
        }

        var keyPath = Join(path, key);
        if (node is not YamlScalarNode scalar
            || !double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            || double.IsNaN(value) || double.IsInfinity(value))
        {
            Error(keyPath, $"expected a number, got '{(node as YamlScalarNode)?.Value}'", node);
            return null;
        }

        if (value < 0)
        {
            Error(keyPath, $"negative limit {scalar.Value}; limits must be zero or more", node);
            return null;
        }

        if (integer && Math.Floor(value) != value)
        {
            Error(keyPath, $"expected a whole number, got {scalar.Value}", node);
            return null;
        }

        return value;
    }

    public List<string> List(YamlNode node, string path)
    {
        var result = new List<string>();
        if (node is YamlScalarNode single && !string.IsNullOrEmpty(single.Value))
        {
            Error(path, "expected a list, e.g. [a, b]", node);
            return result;
        }

        if (node is not YamlSequenceNode sequence)
        {
            if (node is not YamlScalarNode)
            {
                Error(path, "expected a list, e.g. [a, b]", node);
            }

            return result;
        }

        var i = 0;
        foreach (var item in sequence.Children)
        {
            if (item is YamlScalarNode { Value: { Length: > 0 } value })
            {
                result.Add(value);
            }
            else
            {
                Error($"{path}[{i}]", "expected a text item", item);
            }

            i++;
        }

        return result;
    }

    public List<string> DataTypeList(YamlNode node, string path, bool allowOpaque)
    {
        var list = List(node, path);
        var result = new List<string>();
        var sequence = node as YamlSequenceNode;
        for (var i = 0; i < list.Count; i++)
        {
            var itemNode = sequence is not null && i < sequence.Children.Count ? sequence.Children[i] : node;
            if (CheckDataType(list[i], $"{path}[{i}]", itemNode, allowOpaque))
            {
                result.Add(list[i]);
            }
        }

        return result;
    }

    public bool CheckDataType(string dataType, string path, YamlNode? node, bool allowOpaque)
    {
        if (DataTypes.IsKnown(dataType) && (allowOpaque || dataType != DataTypes.Opaque))
        {
            return true;
        }

        Error(path, $"unknown data type '{dataType}'; see the data types in the contract (e.g. location.gps, id.imei)", node);
        return false;
    }

    public DateTime? Time(Dictionary<string, YamlNode> keys, string key, string path)
    {
        var text = String(keys, key, path, required: true);
        if (text is null)
        {
            return null;
        }

        if (Timestamps.TryParse(text, out var utc))
        {
            return utc;
        }

        Error(Join(path, key), $"bad time range: '{text}' is not an ISO-8601 time such as 2026-03-01T09:00:00Z", keys[key]);
        return null;
    }
}
