namespace DeviceWatch.Reports.Diff;

/// <summary>A destination on both sides whose party differs; <see cref="Regression"/> when it became third-party.</summary>
internal sealed record PartyChange(string Host, string Before, string After, bool Regression);
