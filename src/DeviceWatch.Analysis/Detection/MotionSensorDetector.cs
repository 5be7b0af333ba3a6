using System.Globalization;
using DeviceWatch.Analysis.Decoding;
using DeviceWatch.Core.Analysis;

namespace DeviceWatch.Analysis.Detection;

/// <summary>
/// Finds raw motion-sensor streams (at least 10 samples): arrays of x/y/z triples under accelerometer/gyroscope
/// names, arrays of objects with <c>ax/ay/az</c> or <c>gx/gy/gz</c> (or x/y/z under a motion name), parallel
/// <c>ax</c>/<c>ay</c>/<c>az</c> arrays, or a flat numeric array of triples under a motion name.
/// </summary>
internal sealed class MotionSensorDetector : IDetector
{
    private const int MinSamples = 10;

    private static readonly string[] MotionWords = ["acc", "gyro", "gsensor", "imu", "motion", "jiasudu", "加速度", "陀螺仪", "tuoluoyi", "linearacc", "gravity", "magnet", "sensordata", "rawsensor"];
    private static readonly string[][] AxisTriples =
    [
        ["ax", "ay", "az"], ["gx", "gy", "gz"], ["accx", "accy", "accz"], ["gyrox", "gyroy", "gyroz"], ["accelx", "accely", "accelz"],
        ["mx", "my", "mz"],
    ];

    // Bare x/y/z count as axes only under a motion name.
    private static readonly string[] BareAxes = ["x", "y", "z"];

    /// <summary>The motion traits of a normalized member name (see <see cref="KeyClassifier"/>).</summary>
    public static KeyTraits TraitsOf(string key)
    {
        var traits = IsMotionKey(key) ? KeyTraits.Motion : KeyTraits.None;
        if (key is "x" or "y" or "z")
        {
            return traits | KeyTraits.AxisName;
        }

        foreach (var axes in AxisTriples)
        {
            if (Array.IndexOf(axes, key) >= 0)
            {
                return traits | KeyTraits.AxisName;
            }
        }

        return traits;
    }

    /// <summary>False when no array has <see cref="MinSamples"/> items (every stream form needs one).</summary>
    public static bool MayFind(int maxArrayItems) => maxArrayItems >= MinSamples;

    public void Detect(DecodedTree tree, List<DetectedDatum> results)
    {
        var skipUntil = -1;
        // Only nodes with children hold samples; they are all among the detector nodes.
        foreach (var index in tree.DetectorNodes)
        {
            var node = tree[index];
            if (node.Index < skipUntil || !node.HasChildren || node.Kind is not (NodeKind.Array or NodeKind.Object or NodeKind.String))
            {
                continue;
            }

            var samples = Samples(tree, node);
            if (samples >= MinSamples)
            {
                results.Add(new DetectedDatum(DataTypes.SensorMotion, node.Index,
                    string.Create(CultureInfo.InvariantCulture, $"<motion {samples} samples>")));
                skipUntil = node.End;
            }
        }
    }

    private static int Samples(DecodedTree tree, DecodedNode node)
    {
        var motionKey = (node.Traits & KeyTraits.Motion) != 0;
        if (node.Kind == NodeKind.Array)
        {
            int triples = 0, objects = 0, numbers = 0, other = 0;
            foreach (var c in tree.Children(node.Index))
            {
                if (c.Kind == NodeKind.Array && NumericChildren(tree, c) == 3)
                {
                    triples++;
                }
                else if (c.Kind == NodeKind.Object && HasAxes(tree, c, motionKey))
                {
                    objects++;
                }
                else if (c.Kind == NodeKind.Number)
                {
                    numbers++;
                }
                else
                {
                    other++;
                }
            }

            if (other > 0)
            {
                return 0;
            }

            if (objects >= MinSamples && triples == 0 && numbers == 0)
            {
                return objects;
            }

            if (motionKey && triples >= MinSamples && objects == 0 && numbers == 0)
            {
                return triples;
            }

            if (motionKey && numbers >= MinSamples * 3 && numbers % 3 == 0 && triples == 0 && objects == 0)
            {
                return numbers / 3;
            }

            return 0;
        }

        // Parallel axis arrays: {"ax":[...], "ay":[...], "az":[...]}.
        var arrays = 0;
        foreach (var c in tree.Children(node.Index))
        {
            arrays += c.Kind == NodeKind.Array ? 1 : 0;
        }

        if (arrays < 3)
        {
            return 0;
        }

        foreach (var axes in AxisTriples)
        {
            var n = ParallelSamples(tree, node, axes);
            if (n >= MinSamples)
            {
                return n;
            }
        }

        if (motionKey)
        {
            var n = ParallelSamples(tree, node, BareAxes);
            if (n >= MinSamples)
            {
                return n;
            }
        }

        return 0;
    }

    // The samples the parallel arrays named by axes have in common: the shortest of them, 0 when one is missing.
    private static int ParallelSamples(DecodedTree tree, DecodedNode node, string[] axes)
    {
        var n = int.MaxValue;
        foreach (var axis in axes)
        {
            var count = 0;
            foreach (var c in tree.Children(node.Index))
            {
                if (c.NormKey == axis && c.Kind == NodeKind.Array)
                {
                    count = NumericChildren(tree, c);
                    break;
                }
            }

            n = Math.Min(n, count);
        }

        return n;
    }

    private static bool HasAxes(DecodedTree tree, DecodedNode obj, bool motionKey)
    {
        // Every triple needs three numeric children named for axes.
        var axisNumbers = 0;
        foreach (var c in tree.Children(obj.Index))
        {
            axisNumbers += c.Kind == NodeKind.Number && (c.Traits & KeyTraits.AxisName) != 0 ? 1 : 0;
        }

        if (axisNumbers < 3)
        {
            return false;
        }

        foreach (var axes in AxisTriples)
        {
            if (HasNumericKeys(tree, obj, axes))
            {
                return true;
            }
        }

        return motionKey && HasNumericKeys(tree, obj, BareAxes);
    }

    private static bool HasNumericKeys(DecodedTree tree, DecodedNode obj, string[] keys)
    {
        var found = 0;
        foreach (var c in tree.Children(obj.Index))
        {
            if (c.Kind == NodeKind.Number && Array.IndexOf(keys, c.NormKey) >= 0)
            {
                found++;
            }
        }

        return found >= keys.Length;
    }

    private static int NumericChildren(DecodedTree tree, DecodedNode array)
    {
        var n = 0;
        foreach (var c in tree.Children(array.Index))
        {
            if (c.Kind != NodeKind.Number)
            {
                return 0;
            }

            n++;
        }

        return n;
    }

    private static bool IsMotionKey(string key)
    {
        foreach (var w in MotionWords)
        {
            if (key.Contains(w, StringComparison.Ordinal) && !key.Contains("account", StringComparison.Ordinal) && !key.Contains("access", StringComparison.Ordinal)
                && !key.Contains("accuracy", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
