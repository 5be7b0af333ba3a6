using System.Net;
using YamlDotNet.RepresentationModel;

namespace DeviceWatch.Analysis.Profiles;

/// <summary>
/// Reads and validates <c>categories/*.yaml</c> and <c>devices/*.yaml</c> under a profile folder. An invalid
/// profile is rejected as a whole; every error names the file, the key path and what is wrong.
/// </summary>
public static class ProfileLoader
{
    private static readonly string[] s_categoryKeys = ["id", "name", "functions", "limits", "cloud_sensitive"];
    private static readonly string[] s_deviceKeys =
        ["id", "category", "match", "first_party", "functions", "rules", "ca_installed", "known_values", "phases", "limits"];
    private static readonly string[] s_matchKeys = ["mac", "ip", "hostname"];
    private static readonly string[] s_rulesKeys = ["url", "declares", "background_notice", "cloud_notice"];
    private static readonly string[] s_phaseKeys = ["from", "to", "state", "functions"];
    private static readonly string[] s_limitKeys = ["max_per_hour", "finest_precision_m", "max_continuous_hours", "continuity_gap_minutes"];

    /// <summary>Loads every profile under <paramref name="dir"/>.</summary>
    public static ProfileLoadResult Load(string dir)
    {
        var errors = new List<ProfileError>();
        if (!Directory.Exists(dir))
        {
            errors.Add(new ProfileError(dir, "", "profile folder not found", 0));
            return new ProfileLoadResult { Errors = errors };
        }

        var categoryFiles = YamlFiles(Path.Combine(dir, "categories"));
        var deviceFiles = YamlFiles(Path.Combine(dir, "devices"));
        var categories = new List<CategoryProfile>();
        var invalidCategories = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in categoryFiles)
        {
            var category = ReadCategory(file, System.IO.File.ReadAllText(file), errors, out var categoryId);
            if (category is null)
            {
                // devices of a category with errors are not reported again as "unknown category"
                invalidCategories.Add(categoryId ?? Path.GetFileNameWithoutExtension(file));
                continue;
            }

            if (categories.Any(c => c.Id == category.Id))
            {
                errors.Add(new ProfileError(file, "id", $"duplicate category id '{category.Id}' (also in {categories.First(c => c.Id == category.Id).SourceFile})", 0));
                continue;
            }

            categories.Add(category);
        }

        var devices = new List<DeviceProfile>();
        var categoryById = categories.ToDictionary(c => c.Id, StringComparer.Ordinal);
        foreach (var file in deviceFiles)
        {
            var device = ReadDevice(file, System.IO.File.ReadAllText(file), categoryById, invalidCategories, errors);
            if (device is null)
            {
                continue;
            }

            var sameId = devices.FirstOrDefault(d => d.Id == device.Id);
            if (sameId is not null)
            {
                errors.Add(new ProfileError(file, "id", $"duplicate device id '{device.Id}' (also in {sameId.SourceFile})", 0));
                continue;
            }

            var sameMac = device.Match.Mac is null ? null : devices.FirstOrDefault(d => d.Match.Mac == device.Match.Mac);
            if (sameMac is not null)
            {
                errors.Add(new ProfileError(file, "match.mac", $"MAC {device.Match.Mac} is already matched by {sameMac.SourceFile}", 0));
                continue;
            }

            devices.Add(device);
        }

        return errors.Count > 0
            ? new ProfileLoadResult { Errors = errors }
            : new ProfileLoadResult { Profiles = new ProfileSet(categories, devices) };
    }

    private static string[] YamlFiles(string dir) =>
        Directory.Exists(dir)
            ? Directory.EnumerateFiles(dir)
                .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
                .ToArray()
            : [];

    internal static CategoryProfile? ReadCategory(string file, string text, List<ProfileError> errors, out string? categoryId)
    {
        categoryId = null;
        var before = errors.Count;
        var reader = new YamlFileReader(file, errors);
        var root = reader.ReadRoot(text);
        if (root is null)
        {
            return null;
        }

        var keys = reader.Keys(root, "", s_categoryKeys);
        var id = reader.String(keys, "id", "", required: true);
        categoryId = id;
        var name = reader.String(keys, "name", "", required: false) ?? id ?? "";
        var functions = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (keys.TryGetValue("functions", out var functionsNode))
        {
            if (functionsNode is YamlMappingNode functionMap)
            {
                foreach (var (function, types) in reader.Keys(functionMap, "functions", null))
                {
                    functions[function] = reader.DataTypeList(types, $"functions.{function}", allowOpaque: false);
                }
            }
            else
            {
                reader.Error("functions", "expected a map of function id to data types", functionsNode);
            }
        }

        var limits = keys.TryGetValue("limits", out var limitsNode) ? ReadLimits(reader, limitsNode) : LimitSet.Empty;
        var cloud = keys.TryGetValue("cloud_sensitive", out var cloudNode)
            ? reader.DataTypeList(cloudNode, "cloud_sensitive", allowOpaque: false)
            : [];
        if (errors.Count > before || id is null)
        {
            return null;
        }

        return new CategoryProfile { Id = id, Name = name, Functions = functions, Limits = limits, CloudSensitive = cloud, SourceFile = file };
    }

    internal static DeviceProfile? ReadDevice(
        string file, string text, IReadOnlyDictionary<string, CategoryProfile> categories, IReadOnlySet<string> invalidCategories, List<ProfileError> errors)
    {
        var before = errors.Count;
        var reader = new YamlFileReader(file, errors);
        var root = reader.ReadRoot(text);
        if (root is null)
        {
            return null;
        }

        var keys = reader.Keys(root, "", s_deviceKeys);
        var id = reader.String(keys, "id", "", required: true);
        var categoryId = reader.String(keys, "category", "", required: true);
        CategoryProfile? category = null;
        if (categoryId is not null && !categories.TryGetValue(categoryId, out category) && !invalidCategories.Contains(categoryId))
        {
            reader.Error("category", $"unknown category '{categoryId}'; known: {string.Join(", ", categories.Keys.Order(StringComparer.Ordinal))}", keys["category"]);
        }

        var match = ReadMatch(reader, keys);
        var firstParty = keys.TryGetValue("first_party", out var fpNode)
            ? reader.List(fpNode, "first_party").Select(s => s.TrimStart('.').ToLowerInvariant()).ToList()
            : [];
        var functions = keys.TryGetValue("functions", out var fnNode) ? reader.List(fnNode, "functions") : [];
        if (category is not null)
        {
            CheckFunctions(reader, functions, "functions", fnNode, category);
        }

        PublishedRules? rules = null;
        if (keys.TryGetValue("rules", out var rulesNode))
        {
            rules = ReadRules(reader, rulesNode);
        }

        var caInstalled = reader.Bool(keys, "ca_installed", "") ?? false;
        var knownValues = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (keys.TryGetValue("known_values", out var kvNode))
        {
            if (kvNode is YamlMappingNode kvMap)
            {
                foreach (var (dataType, values) in reader.Keys(kvMap, "known_values", null))
                {
                    if (reader.CheckDataType(dataType, $"known_values.{dataType}", kvMap, allowOpaque: false))
                    {
                        knownValues[dataType] = reader.List(values, $"known_values.{dataType}");
                    }
                }
            }
            else
            {
                reader.Error("known_values", "expected a map of data type to values", kvNode);
            }
        }

        var phases = keys.TryGetValue("phases", out var phasesNode) ? ReadPhases(reader, phasesNode, category) : [];
        var limits = keys.TryGetValue("limits", out var limitsNode) ? ReadLimits(reader, limitsNode) : LimitSet.Empty;
        if (errors.Count > before || id is null || categoryId is null || category is null || match is null)
        {
            return null;
        }

        return new DeviceProfile
        {
            Id = id,
            Category = categoryId,
            Match = match,
            FirstParty = firstParty,
            Functions = functions,
            Rules = rules,
            CaInstalled = caInstalled,
            KnownValues = knownValues,
            Phases = phases,
            Limits = limits,
            SourceFile = file,
        };
    }

    private static void CheckFunctions(YamlFileReader reader, List<string> functions, string path, YamlNode? node, CategoryProfile category)
    {
        for (var i = 0; i < functions.Count; i++)
        {
            if (!category.Functions.ContainsKey(functions[i]))
            {
                var item = node is YamlSequenceNode seq && i < seq.Children.Count ? seq.Children[i] : node;
                reader.Error($"{path}[{i}]",
                    $"unknown function '{functions[i]}' for category {category.Id}; known: {string.Join(", ", category.Functions.Keys.Order(StringComparer.Ordinal))}",
                    item);
            }
        }
    }

    private static DeviceMatch? ReadMatch(YamlFileReader reader, Dictionary<string, YamlNode> keys)
    {
        if (!keys.TryGetValue("match", out var node))
        {
            reader.Error("match", "required key is missing (give mac, ip or hostname)", null);
            return null;
        }

        if (node is not YamlMappingNode map)
        {
            reader.Error("match", "expected a map with mac, ip or hostname", node);
            return null;
        }

        var matchKeys = reader.Keys(map, "match", s_matchKeys);
        var macText = reader.String(matchKeys, "mac", "match", required: false);
        var ip = reader.String(matchKeys, "ip", "match", required: false);
        var hostname = reader.String(matchKeys, "hostname", "match", required: false);
        string? mac = null;
        if (macText is not null)
        {
            if (MacAddresses.TryNormalize(macText, out var normalized))
            {
                mac = normalized;
            }
            else
            {
                reader.Error("match.mac", $"bad MAC address '{macText}'; expected six hex bytes such as 02:00:5e:10:00:01", matchKeys["mac"]);
                return null;
            }
        }

        if (ip is not null && !IPAddress.TryParse(ip, out _))
        {
            reader.Error("match.ip", $"bad IP address '{ip}'", matchKeys["ip"]);
            return null;
        }

        if (mac is null && ip is null && hostname is null)
        {
            reader.Error("match", "give at least one of mac, ip or hostname", node);
            return null;
        }

        return new DeviceMatch { Mac = mac, Ip = ip, Hostname = hostname };
    }

    private static PublishedRules? ReadRules(YamlFileReader reader, YamlNode node)
    {
        if (node is not YamlMappingNode map)
        {
            reader.Error("rules", "expected a map (url, declares, background_notice, cloud_notice); omit the key when the device has no rules", node);
            return null;
        }

        var keys = reader.Keys(map, "rules", s_rulesKeys);
        return new PublishedRules
        {
            Url = reader.String(keys, "url", "rules", required: false),
            Declares = keys.TryGetValue("declares", out var declares) ? reader.DataTypeList(declares, "rules.declares", allowOpaque: false) : [],
            BackgroundNotice = reader.Bool(keys, "background_notice", "rules") ?? false,
            CloudNotice = reader.Bool(keys, "cloud_notice", "rules") ?? false,
        };
    }

    private static List<ProfilePhase> ReadPhases(YamlFileReader reader, YamlNode node, CategoryProfile? category)
    {
        var result = new List<(ProfilePhase Phase, int Index, YamlNode Node)>();
        if (node is not YamlSequenceNode sequence)
        {
            reader.Error("phases", "expected a list of { from, to, state }", node);
            return [];
        }

        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var path = $"phases[{i}]";
            if (sequence.Children[i] is not YamlMappingNode map)
            {
                reader.Error(path, "expected { from, to, state }", sequence.Children[i]);
                continue;
            }

            var keys = reader.Keys(map, path, s_phaseKeys);
            var from = reader.Time(keys, "from", path);
            var to = reader.Time(keys, "to", path);
            var stateText = reader.String(keys, "state", path, required: true);
            var functions = keys.TryGetValue("functions", out var fnNode) ? reader.List(fnNode, $"{path}.functions") : [];
            if (stateText is not null && !PhaseStates.TryParse(stateText, out _))
            {
                reader.Error($"{path}.state", $"unknown state '{stateText}'; expected idle, function-off or active", keys["state"]);
                continue;
            }

            PhaseStates.TryParse(stateText, out var state);
            if (state == PhaseState.FunctionOff && functions.Count == 0 && stateText is not null)
            {
                reader.Error($"{path}.functions", "a function-off phase must list the functions switched off", map);
            }

            if (category is not null)
            {
                CheckFunctions(reader, functions, $"{path}.functions", fnNode, category);
            }

            if (from is null || to is null || stateText is null)
            {
                continue;
            }

            if (to <= from)
            {
                reader.Error(path, $"bad time range: 'to' ({Core.Time.Timestamps.ToIso(to.Value)}) must be after 'from' ({Core.Time.Timestamps.ToIso(from.Value)})", map);
                continue;
            }

            result.Add((new ProfilePhase { From = from.Value, To = to.Value, State = state, Functions = functions }, i, map));
        }

        var sorted = result.OrderBy(p => p.Phase.From).ToList();
        for (var i = 1; i < sorted.Count; i++)
        {
            if (sorted[i].Phase.From < sorted[i - 1].Phase.To)
            {
                reader.Error($"phases[{sorted[i].Index}]", $"overlapping phases: it starts before phases[{sorted[i - 1].Index}] ends", sorted[i].Node);
            }
        }

        return sorted.Select(p => p.Phase).ToList();
    }

    private static LimitSet ReadLimits(YamlFileReader reader, YamlNode node)
    {
        if (node is not YamlMappingNode map)
        {
            reader.Error("limits", "expected a map of data type (or default) to limits", node);
            return LimitSet.Empty;
        }

        DataTypeLimit? defaultLimit = null;
        var byType = new Dictionary<string, DataTypeLimit>(StringComparer.Ordinal);
        foreach (var (dataType, value) in reader.Keys(map, "limits", null))
        {
            var path = $"limits.{dataType}";
            if (dataType != "default" && !reader.CheckDataType(dataType, path, value, allowOpaque: true))
            {
                continue;
            }

            if (value is not YamlMappingNode limitMap)
            {
                reader.Error(path, "expected { max_per_hour, finest_precision_m, max_continuous_hours, continuity_gap_minutes }", value);
                continue;
            }

            var keys = reader.Keys(limitMap, path, s_limitKeys);
            var limit = new DataTypeLimit
            {
                MaxPerHour = (int?)reader.Number(keys, "max_per_hour", path, integer: true),
                FinestPrecisionM = reader.Number(keys, "finest_precision_m", path, integer: false),
                MaxContinuousHours = reader.Number(keys, "max_continuous_hours", path, integer: false),
                ContinuityGapMinutes = reader.Number(keys, "continuity_gap_minutes", path, integer: false),
            };
            if (limit.ContinuityGapMinutes == 0)
            {
                reader.Error($"{path}.continuity_gap_minutes", "must be more than zero", keys["continuity_gap_minutes"]);
            }

            if (dataType == "default")
            {
                defaultLimit = limit;
            }
            else
            {
                byType[dataType] = limit;
            }
        }

        return new LimitSet { Default = defaultLimit, ByDataType = byType };
    }
}
