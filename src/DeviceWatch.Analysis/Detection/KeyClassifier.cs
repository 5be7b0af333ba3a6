namespace DeviceWatch.Analysis.Detection;

/// <summary>Computes the <see cref="KeyTraits"/> of a normalized member name from every detector's word lists.</summary>
internal static class KeyClassifier
{
    public static KeyTraits Classify(string normKey, out GpsKeyMatch? gps)
    {
        var traits = GpsLocationDetector.TraitsOf(normKey, out gps)
                     | WifiLocationDetector.TraitsOf(normKey)
                     | CellLocationDetector.TraitsOf(normKey)
                     | DeviceIdentifierDetector.TraitsOf(normKey)
                     | ContactDetector.TraitsOf(normKey)
                     | HealthDetector.TraitsOf(normKey)
                     | BiometricDetector.TraitsOf(normKey)
                     | MotionSensorDetector.TraitsOf(normKey)
                     | AppListDetector.TraitsOf(normKey);
        if (KeyContext.IsNonPersonal(normKey))
        {
            traits |= KeyTraits.NonPersonal;
        }

        return traits;
    }
}
