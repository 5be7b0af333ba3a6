namespace DeviceWatch.Synth.Lab;

/// <summary>A WGS-84 position.</summary>
/// <param name="Latitude">Degrees north.</param>
/// <param name="Longitude">Degrees east.</param>
public readonly record struct GeoPoint(double Latitude, double Longitude);
