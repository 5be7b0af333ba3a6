using System.Runtime.CompilerServices;
using DeviceWatch.Analysis.Decoding;
using DeviceWatch.Analysis.Detection;
using DeviceWatch.Core.Analysis;

namespace DeviceWatch.Analysis.Observations;

/// <summary>
/// Decodes a payload (URL, headers, cookies, MQTT topic, body and everything nested in them), runs every
/// detector and the device's known values over the leaves, and returns one <see cref="Observation"/> per
/// (data type, field). Only messages sent by the device are inspected. Values are returned unmasked; outputs
/// mask them with <see cref="ValueMasker"/>.
/// </summary>
public sealed class PayloadInspector
{
    private const int LinearDedupLimit = 16;
    private const int MaxPooledNodes = 4096;

    private readonly ConditionalWeakTable<object, KnownValueIndex> _indexes = new();
    private InspectionWorkspace? _spare;

    /// <summary>Creates an inspector with the given decoding limits (defaults when null).</summary>
    public PayloadInspector(DecoderLimits? limits = null)
    {
        Limits = limits ?? DecoderLimits.Default;
    }

    /// <summary>The decoding limits applied to every payload.</summary>
    public DecoderLimits Limits { get; }

    /// <summary>Payloads inspected so far.</summary>
    public long PayloadsInspected { get; private set; }

    /// <summary>Payloads whose decoding stopped at a limit (size, nodes, depth or time); what was decoded was still inspected.</summary>
    public long PayloadsOverBudget { get; private set; }

    /// <summary>
    /// Of <see cref="PayloadsOverBudget"/>, those stopped by the wall-clock time budget: the one limit whose outcome
    /// depends on the machine's load, so the same capture may decode further on a quieter run.
    /// </summary>
    public long PayloadsOutOfTime { get; private set; }

    /// <summary>Finds the personal data in <paramref name="payload"/>.</summary>
    public IReadOnlyList<Observation> Inspect(Payload payload, DeviceInspectionContext context)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(context);
        if (!payload.FromDevice || payload.Kind == PayloadKind.HttpResponse)
        {
            return [];
        }

        PayloadsInspected++;

        // The workspace (tree, node objects, key table, result list) is reused across calls; a concurrent call
        // finds none spare and uses a fresh one.
        var workspace = Interlocked.Exchange(ref _spare, null) ?? new InspectionWorkspace(Limits);
        try
        {
            return InspectWith(payload, context, workspace);
        }
        finally
        {
            workspace.Data.Clear();
            workspace.Seen.Clear();
            if (workspace.Tree.Count <= MaxPooledNodes)
            {
                // A huge payload's workspace is dropped rather than kept alive.
                Volatile.Write(ref _spare, workspace);
            }
        }
    }

    private IReadOnlyList<Observation> InspectWith(Payload payload, DeviceInspectionContext context, InspectionWorkspace workspace)
    {
        var tree = workspace.Tree;
        PayloadDecoder.Decode(payload, workspace.Content);
        if (tree.Budget.Exhausted)
        {
            PayloadsOverBudget++;
            if (tree.Budget.TimedOut)
            {
                PayloadsOutOfTime++;
            }
        }

        var data = workspace.Data;
        DetectorSet.Run(tree, data, workspace.Buffers);
        var known = context.KnownValues;
        if (known.Count > 0)
        {
            // The index of the previous payload's device is kept in the workspace: no table lookup per payload.
            if (!ReferenceEquals(workspace.LastKnownValues, known))
            {
                workspace.LastIndex = IndexFor(known);
                workspace.LastKnownValues = known;
            }

            workspace.LastIndex!.Search(tree, payload, data);
        }

        if (data.Count == 0)
        {
            return [];
        }

        var party = context.PartyOf(payload.Destination);
        // One array of the right size (a list would add an object and a copy): findings rarely repeat a (type, field).
        var observations = new Observation[data.Count];
        var count = 0;
        foreach (var d in data)
        {
            var node = d.Node >= 0 ? tree[d.Node] : null;
            var field = d.Field ?? (node is not null ? tree.PathOf(d.Node) : "body");
            if (!FirstOf(d.DataType, field, observations.AsSpan(0, count), workspace.Seen))
            {
                continue;
            }

            var chain = node?.Encoding ?? "";
            var encoding = d.EncodingSuffix switch
            {
                null => chain,
                _ when chain.Length == 0 => d.EncodingSuffix,
                "plain" => chain,
                _ => chain + ">" + d.EncodingSuffix,
            };
            observations[count++] = new Observation
            {
                Ts = payload.Timestamp,
                Uid = payload.FlowUid,
                Device = context.DeviceId,
                Destination = payload.Destination,
                Party = party,
                DataType = d.DataType,
                Field = field,
                Encoding = encoding,
                PrecisionM = d.PrecisionM,
                Transport = payload.Transport,
                Value = d.Value,
            };
        }

        return count == observations.Length ? observations : observations[..count];
    }

    // True the first time (data type, field) is met in this payload; small result sets are checked by a scan.
    private static bool FirstOf(string dataType, string field, ReadOnlySpan<Observation> observations, HashSet<(string, string)> seen)
    {
        if (observations.Length < LinearDedupLimit)
        {
            foreach (var o in observations)
            {
                if (o.DataType == dataType && o.Field == field)
                {
                    return false;
                }
            }

            if (observations.Length == LinearDedupLimit - 1)
            {
                foreach (var o in observations)
                {
                    seen.Add((o.DataType, o.Field));
                }

                seen.Add((dataType, field));
            }

            return true;
        }

        return seen.Add((dataType, field));
    }

    private KnownValueIndex IndexFor(IReadOnlyDictionary<string, IReadOnlyList<string>> knownValues) =>
        _indexes.GetValue(knownValues, static k => KnownValueIndex.Build((IReadOnlyDictionary<string, IReadOnlyList<string>>)k));
}
