using DeviceWatch.Analysis.Aggregation;

namespace DeviceWatch.Analysis.Rules;

/// <summary>The <c>party</c> values and how a destination gets one.</summary>
public static class Parties
{
    /// <summary>Inside the first-party domains.</summary>
    public const string First = "first";
    /// <summary>A named destination outside the first-party domains.</summary>
    public const string Third = "third";
    /// <summary>On the local network (private address, .local/.lan name).</summary>
    public const string Local = "local";
    /// <summary>No first party known, or a bare public IP address (no name to judge by).</summary>
    public const string Unknown = "unknown";

    /// <summary>The party of <paramref name="destination"/> given first-party suffixes (empty when unknown).</summary>
    public static string Of(string destination, IReadOnlyList<string> firstParty)
    {
        if (Domains.IsLocal(destination))
        {
            return Local;
        }

        if (firstParty.Count == 0 || Domains.IsAddress(destination))
        {
            return Unknown;
        }

        return firstParty.Any(s => Domains.HasSuffix(destination, s)) ? First : Third;
    }
}
