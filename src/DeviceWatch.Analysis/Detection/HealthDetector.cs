using DeviceWatch.Analysis.Decoding;
using DeviceWatch.Core.Analysis;

namespace DeviceWatch.Analysis.Detection;

/// <summary>
/// Finds health measurements by field name (English, pinyin, Chinese) and plausible range: heart rate 30–220,
/// SpO2 70–100, steps 0–100000, sleep durations or stages, blood pressure as a systolic/diastolic pair or
/// <c>"120/80"</c>, body temperature 34–42 °C (a bare <c>temperature</c> only next to other vital signs).
/// </summary>
internal sealed class HealthDetector : IDetector
{
    private static readonly HashSet<string> HeartKeys =
    [
        "heartrate", "hr", "xinlv", "心率", "pulse", "pulserate", "bpm", "heartbeat", "hrvalue", "heartratevalue", "avghr",
        "avgheartrate", "restingheartrate", "resthr", "maxhr", "minhr", "hrbpm", "rate", "heart",
    ];

    private static readonly HashSet<string> Spo2Keys = ["spo2", "bloodoxygen", "xueyang", "血氧", "oxygen", "oxygensaturation", "spo2value", "bo", "bloodoxygenvalue", "xueyangbaohedu", "血氧饱和度"];
    private static readonly HashSet<string> StepKeys = ["steps", "bushu", "步数", "stepcount", "stepnum", "totalsteps", "dailysteps", "stepcounts", "todaysteps", "walksteps", "stepvalue"];
    private static readonly HashSet<string> BodyTempKeys = ["bodytemp", "bodytemperature", "tiwen", "体温", "skintemp", "skintemperature", "bt", "temperaturebody", "bodytempvalue", "wristtemp"];
    private static readonly HashSet<string> BareTempKeys = ["temp", "temperature", "wendu", "温度"];
    private static readonly HashSet<string> SystolicKeys = ["systolic", "sbp", "sys", "gaoya", "高压", "shousuoya", "收缩压", "systolicpressure", "bphigh", "highpressure", "high"];
    private static readonly HashSet<string> DiastolicKeys = ["diastolic", "dbp", "dia", "diya", "低压", "shuzhangya", "舒张压", "diastolicpressure", "bplow", "lowpressure", "low"];
    private static readonly HashSet<string> PressureKeys = ["bp", "bloodpressure", "xueya", "血压", "bloodpressurevalue", "pressure"];
    private static readonly string[] SleepWords = ["sleep", "shuimian", "睡眠"];
    private static readonly string[] SleepSettingWords = ["mode", "timer", "timeout", "enable", "interval", "switch", "setting", "delay", "status", "auto", "screen", "display", "wake", "lock", "power"];
    private static readonly HashSet<string> SleepStages = new(StringComparer.OrdinalIgnoreCase) { "deep", "light", "rem", "awake", "wake", "deepsleep", "lightsleep", "深睡", "浅睡", "清醒" };

    private const KeyTraits ValueTraits = KeyTraits.Sleep | KeyTraits.BloodPressure | KeyTraits.HeartRate | KeyTraits.Spo2 | KeyTraits.Steps
                                          | KeyTraits.BodyTemperature | KeyTraits.BareTemperature;

    /// <summary>The health traits of a normalized member name (see <see cref="KeyClassifier"/>).</summary>
    public static KeyTraits TraitsOf(string key)
    {
        var traits = KeyTraits.None;
        traits |= HeartKeys.Contains(key) ? KeyTraits.HeartRate : 0;
        traits |= Spo2Keys.Contains(key) ? KeyTraits.Spo2 : 0;
        traits |= StepKeys.Contains(key) ? KeyTraits.Steps : 0;
        traits |= BodyTempKeys.Contains(key) ? KeyTraits.BodyTemperature : 0;
        traits |= BareTempKeys.Contains(key) ? KeyTraits.BareTemperature : 0;
        traits |= SystolicKeys.Contains(key) ? KeyTraits.Systolic : 0;
        traits |= DiastolicKeys.Contains(key) ? KeyTraits.Diastolic : 0;
        traits |= PressureKeys.Contains(key) ? KeyTraits.BloodPressure : 0;
        traits |= key.Length > 0 && IsSleepKey(key) ? KeyTraits.Sleep : 0;
        return traits;
    }

    private const KeyTraits PressureTraits = KeyTraits.Systolic | KeyTraits.Diastolic;

    /// <summary>False when the tree has neither a health value name nor both blood-pressure halves.</summary>
    public static bool MayFind(KeyTraits all) => (all & ValueTraits) != 0 || (all & PressureTraits) == PressureTraits;

    public void Detect(DecodedTree tree, List<DetectedDatum> results)
    {
        var sleepEnd = -1;
        for (var i = 0; i < tree.Count; i++)
        {
            var node = tree[i];
            if (((node.Traits | tree.DescendantTraits(i)) & (ValueTraits | PressureTraits)) == 0)
            {
                // No health name in the node or below it: the subtree is passed over.
                i = node.End - 1;
                continue;
            }

            if (node.HasChildren && node.Kind is NodeKind.Object or NodeKind.Source or NodeKind.String)
            {
                // A pair needs a systolic and a diastolic child.
                if ((tree.ChildTraits(node.Index) & PressureTraits) == PressureTraits)
                {
                    DetectPressurePair(tree, node, results);
                }
            }

            // Every check below needs a health name.
            var traits = node.Traits;
            if ((traits & ValueTraits) == 0)
            {
                continue;
            }

            var key = node.NormKey;
            if (node.Index >= sleepEnd && (traits & KeyTraits.Sleep) != 0 && IsSleepValue(tree, node))
            {
                results.Add(new DetectedDatum(DataTypes.HealthSleep, ReportAt(tree, node), Summary(node)));
                sleepEnd = node.End;
                continue;
            }

            if (!node.IsScalar || node.Text is null)
            {
                continue;
            }

            if ((traits & KeyTraits.BloodPressure) != 0 && node.Kind == NodeKind.String && IsPressureText(node.Text))
            {
                results.Add(new DetectedDatum(DataTypes.HealthBloodPressure, node.Index, node.Text));
                continue;
            }

            if (!node.TryGetNumber(out var v, out var decimals))
            {
                continue;
            }

            if ((traits & KeyTraits.HeartRate) != 0 && v is >= 30 and <= 220 && (key != "rate" || ParentMentions(tree, node, "heart")))
            {
                results.Add(new DetectedDatum(DataTypes.HealthHeartRate, ReportAt(tree, node), node.Text));
            }
            else if ((traits & KeyTraits.Spo2) != 0 && v is >= 70 and <= 100 && (key is not ("oxygen" or "bo") || ParentMentions(tree, node, "blood", "health", "spo")))
            {
                results.Add(new DetectedDatum(DataTypes.HealthSpo2, ReportAt(tree, node), node.Text));
            }
            else if ((traits & KeyTraits.Steps) != 0 && v is >= 0 and <= 100_000 && decimals == 0)
            {
                results.Add(new DetectedDatum(DataTypes.HealthSteps, ReportAt(tree, node), node.Text));
            }
            else if (v is >= 34 and <= 42 && ((traits & KeyTraits.BodyTemperature) != 0 || (traits & KeyTraits.BareTemperature) != 0 && HasVitalSibling(tree, node)))
            {
                results.Add(new DetectedDatum(DataTypes.HealthTemperature, ReportAt(tree, node), node.Text));
            }
        }
    }

    // Scalars inside an array are reported once, at the array.
    private static int ReportAt(DecodedTree tree, DecodedNode node) =>
        node.IsArrayItem && node.IsScalar && node.Parent >= 0 && tree[node.Parent].Kind == NodeKind.Array ? node.Parent : node.Index;

    private static void DetectPressurePair(DecodedTree tree, DecodedNode container, List<DetectedDatum> results)
    {
        DecodedNode? sys = null, dia = null;
        var generic = false;
        foreach (var c in tree.Children(container.Index))
        {
            if (!c.IsScalar)
            {
                continue;
            }

            if (sys is null && (c.Traits & KeyTraits.Systolic) != 0)
            {
                sys = c;
                generic |= c.NormKey == "high";
            }
            else if (dia is null && (c.Traits & KeyTraits.Diastolic) != 0)
            {
                dia = c;
                generic |= c.NormKey == "low";
            }
        }

        if (sys is null || dia is null || !sys.TryGetNumber(out var s, out _) || !dia.TryGetNumber(out var d, out _))
        {
            return;
        }

        if (generic && (container.Traits & KeyTraits.BloodPressure) == 0)
        {
            return;
        }

        if (s is >= 70 and <= 250 && d is >= 40 and <= 150 && s > d)
        {
            results.Add(new DetectedDatum(DataTypes.HealthBloodPressure, sys.Index, sys.Text + "/" + dia.Text));
        }
    }

    /// <summary>True for <c>120/80</c>-style text with plausible systolic and diastolic values.</summary>
    public static bool IsPressureText(string text)
    {
        var slash = text.IndexOf('/');
        if (slash <= 0 || !int.TryParse(text.AsSpan(0, slash), out var s) || !int.TryParse(text.AsSpan(slash + 1), out var d))
        {
            return false;
        }

        return s is >= 70 and <= 250 && d is >= 40 and <= 150 && s > d;
    }

    private static bool IsSleepKey(string key)
    {
        var found = false;
        foreach (var w in SleepWords)
        {
            found |= key.Contains(w, StringComparison.Ordinal);
        }

        if (!found)
        {
            return false;
        }

        foreach (var w in SleepSettingWords)
        {
            if (key.Contains(w, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsSleepValue(DecodedTree tree, DecodedNode node)
    {
        if (node.Kind == NodeKind.Number)
        {
            return node.TryGetNumber(out var v, out _) && v > 0;
        }

        if (node.Kind == NodeKind.String && node.Text is { } t)
        {
            return SleepStages.Contains(t) || IsDurationText(t);
        }

        if (node.Kind is NodeKind.Object or NodeKind.Array)
        {
            for (var i = node.Index + 1; i < node.End && i < tree.Count; i++)
            {
                var d = tree[i];
                if (d.Kind == NodeKind.Number && d.TryGetNumber(out var v, out _) && v > 0
                    || d.Kind == NodeKind.String && d.Text is { } s && (SleepStages.Contains(s) || IsDurationText(s)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsDurationText(string t) =>
        t.Length is >= 2 and <= 12 && char.IsAsciiDigit(t[0]) && (t.EndsWith('h') || t.EndsWith("min", StringComparison.Ordinal) || t.EndsWith('m') || t.Contains("h", StringComparison.Ordinal) && t.Contains('m'));

    private static string Summary(DecodedNode node) => node.IsScalar && node.Text is not null ? node.Text : "<sleep record>";

    private static bool HasVitalSibling(DecodedTree tree, DecodedNode node)
    {
        if (ParentMentions(tree, node, "health", "body", "vital", "jiankang", "健康"))
        {
            return true;
        }

        if (node.Parent < 0)
        {
            return false;
        }

        foreach (var s in tree.Children(node.Parent))
        {
            if (s != node && ((s.Traits & KeyTraits.HeartRate) != 0 && s.NormKey != "rate"
                              || (s.Traits & (KeyTraits.Spo2 | KeyTraits.BloodPressure | KeyTraits.Systolic | KeyTraits.Steps)) != 0))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ParentMentions(DecodedTree tree, DecodedNode node, params string[] words)
    {
        var hops = 0;
        for (var p = node.Parent; p >= 0 && hops < 3; p = tree[p].Parent, hops++)
        {
            foreach (var w in words)
            {
                if (tree[p].NormKey.Contains(w, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
