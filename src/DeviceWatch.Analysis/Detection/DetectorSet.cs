using DeviceWatch.Analysis.Decoding;

namespace DeviceWatch.Analysis.Detection;

/// <summary>Every detector, run in a fixed order over one decoded payload.</summary>
internal static class DetectorSet
{
    public static IReadOnlyList<IDetector> All { get; } =
    [
        new GpsLocationDetector(), new WifiLocationDetector(), new CellLocationDetector(), new DeviceIdentifierDetector(),
        new ContactDetector(), new NationalIdDetector(), new HealthDetector(), new MediaDetector(), new BiometricDetector(),
        new MotionSensorDetector(), new AppListDetector(),
    ];

    public static void Run(DecodedTree tree, List<DetectedDatum> results)
    {
        foreach (var detector in All)
        {
            detector.Detect(tree, results);
        }
    }
}
