namespace DeviceWatch.Analysis.Detection;

/// <summary>How a member name reads as half of a latitude/longitude pair: the shared prefix and the scale suffix.</summary>
/// <param name="IsLatitude">The name is a latitude name.</param>
/// <param name="LatPrefix">Prefix before the latitude word (<c>gps</c> in <c>gpslat</c>).</param>
/// <param name="LatScale">Scale suffix (<c>e6</c> in <c>late6</c>), empty for none.</param>
/// <param name="IsLongitude">The name is a longitude name.</param>
/// <param name="LonPrefix">Prefix before the longitude word.</param>
/// <param name="LonScale">Scale suffix of the longitude name.</param>
internal sealed record GpsKeyMatch(bool IsLatitude, string LatPrefix, string LatScale, bool IsLongitude, string LonPrefix, string LonScale);
