using DeviceWatch.Analysis.Decoding;

namespace DeviceWatch.Analysis.Detection;

/// <summary>
/// Every detector, run in a fixed order over one decoded payload. A detector is skipped when the tree lacks what
/// every one of its findings needs (a member name, an array long enough, a binary node): the same findings in the
/// same order, without a pass over the nodes.
/// </summary>
internal static class DetectorSet
{
    private static readonly GpsLocationDetector Gps = new();
    private static readonly WifiLocationDetector Wifi = new();
    private static readonly CellLocationDetector Cell = new();
    private static readonly DeviceIdentifierDetector Identifiers = new();
    private static readonly ContactDetector Contacts = new();
    private static readonly NationalIdDetector NationalIds = new();
    private static readonly HealthDetector Health = new();
    private static readonly MediaDetector Media = new();
    private static readonly BiometricDetector Biometrics = new();
    private static readonly MotionSensorDetector Motion = new();
    private static readonly AppListDetector AppLists = new();

    public static IReadOnlyList<IDetector> All { get; } = [Gps, Wifi, Cell, Identifiers, Contacts, NationalIds, Health, Media, Biometrics, Motion, AppLists];

    public static void Run(DecodedTree tree, List<DetectedDatum> results) => Run(tree, results, new DetectionBuffers());

    /// <summary>Runs every detector; <paramref name="buffers"/> are reused working lists.</summary>
    public static void Run(DecodedTree tree, List<DetectedDatum> results, DetectionBuffers buffers)
    {
        var all = tree.AllTraits;
        Gps.Detect(tree, results);
        if (WifiLocationDetector.MayFind(all))
        {
            Wifi.Detect(tree, results);
        }

        if (CellLocationDetector.MayFind(all))
        {
            Cell.Detect(tree, results);
        }

        // Identifiers, contacts and national ids look at each node on its own: one pass, their findings kept apart
        // and appended in detector order.
        var contacts = buffers.Contacts;
        var nationalIds = buffers.NationalIds;
        contacts.Clear();
        nationalIds.Clear();
        foreach (var index in tree.DetectorNodes)
        {
            var node = tree[index];
            DeviceIdentifierDetector.Visit(tree, node, results);
            ContactDetector.Visit(tree, node, contacts);
            NationalIdDetector.Visit(node, nationalIds);
        }

        results.AddRange(contacts);
        results.AddRange(nationalIds);
        if (HealthDetector.MayFind(all))
        {
            Health.Detect(tree, results);
        }

        if (tree.HasBytes)
        {
            Media.Detect(tree, results);
        }

        if (BiometricDetector.MayFind(all))
        {
            Biometrics.Detect(tree, results);
        }

        if (MotionSensorDetector.MayFind(tree.MaxArrayItems))
        {
            Motion.Detect(tree, results);
        }

        if (AppListDetector.MayFind(all, tree.MaxArrayItems))
        {
            AppLists.Detect(tree, results);
        }
    }
}
