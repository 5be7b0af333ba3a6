using DeviceWatch.Core.Analysis;
using DeviceWatch.Core.Records;

namespace DeviceWatch.Analysis.Observations;

/// <summary>
/// Turns a finished flow whose content could not be read (encrypted, or TLS that was not intercepted) and that
/// carried device bytes into an <c>opaque</c> observation, so frequency, duration and background rules still
/// see how often and how much a device talks to a host.
/// </summary>
public static class OpaqueObservationFactory
{
    private static readonly HashSet<string> EncryptedServices = new(StringComparer.OrdinalIgnoreCase) { "tls", "ssl", "quic", "dtls", "https", "mqtts" };

    /// <summary>
    /// The opaque observation for <paramref name="flow"/>, or null when its content was readable (not encrypted and
    /// not TLS, or <paramref name="contentWasRead"/>) or no bytes went up. The originator is taken as the device.
    /// </summary>
    public static Observation? TryCreate(ConnRecord flow, DeviceInspectionContext context, bool contentWasRead = false)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(context);
        var unreadable = flow.Encrypted || (flow.Service is { } s && EncryptedServices.Contains(s) && !contentWasRead);
        if (!unreadable || contentWasRead && !flow.Encrypted || flow.OrigBytes <= 0)
        {
            return null;
        }

        var destination = string.IsNullOrEmpty(flow.ServerName) ? flow.RespH : flow.ServerName;
        return new Observation
        {
            Ts = flow.Ts,
            Uid = flow.Uid,
            Device = context.DeviceId,
            Destination = destination,
            Party = context.PartyOf(destination),
            DataType = DataTypes.Opaque,
            Field = "flow",
            Encoding = string.IsNullOrEmpty(flow.Service) ? "tls" : flow.Service.ToLowerInvariant(),
            Transport = Transports.Encrypted,
            BytesUp = flow.OrigBytes,
            BytesDown = flow.RespBytes,
        };
    }
}
