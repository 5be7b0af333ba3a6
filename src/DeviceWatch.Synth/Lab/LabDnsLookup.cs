using System.Net;

namespace DeviceWatch.Synth.Lab;

/// <summary>One DNS query and its answer.</summary>
/// <param name="Time">Time of the query.</param>
/// <param name="DeviceId">Querying device.</param>
/// <param name="Name">Queried name.</param>
/// <param name="Type">Query type: <c>A</c> or <c>AAAA</c>.</param>
/// <param name="TransactionId">DNS id.</param>
/// <param name="CnameChain">CNAMEs in the answer, in order.</param>
/// <param name="Addresses">Addresses in the answer.</param>
/// <param name="Ttl">TTL of every answer record.</param>
public sealed record LabDnsLookup(
    DateTime Time,
    string DeviceId,
    string Name,
    string Type,
    ushort TransactionId,
    IReadOnlyList<string> CnameChain,
    IReadOnlyList<IPAddress> Addresses,
    uint Ttl);
