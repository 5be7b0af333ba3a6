using System.Globalization;
using DeviceWatch.Analysis.Decoding;
using DeviceWatch.Core.Analysis;

namespace DeviceWatch.Analysis.Detection;

/// <summary>
/// Finds serving/neighbour cell identities: an object with an area code (LAC or TAC) and a cell id (CID, CI, ECI,
/// NCI) in plausible ranges; when an MCC is present it must be assigned (460 for mainland China).
/// </summary>
internal sealed class CellLocationDetector : IDetector
{
    private static readonly HashSet<string> AreaKeys = ["lac", "tac", "lacid", "areacode", "locationareacode", "trackingareacode"];
    private static readonly HashSet<string> CellKeys = ["cid", "ci", "cellid", "eci", "nci", "ecid", "cellidentity", "ecgi"];
    private static readonly HashSet<string> MccKeys = ["mcc", "mobilecountrycode"];
    private static readonly HashSet<string> MncKeys = ["mnc", "mobilenetworkcode"];

    private const KeyTraits CellKeyTraits = KeyTraits.CellMcc | KeyTraits.CellMnc | KeyTraits.CellArea | KeyTraits.CellId;
    private const KeyTraits CellPairTraits = KeyTraits.CellArea | KeyTraits.CellId;

    /// <summary>The cell-identity traits of a normalized member name (see <see cref="KeyClassifier"/>).</summary>
    public static KeyTraits TraitsOf(string normKey)
    {
        var traits = KeyTraits.None;
        traits |= MccKeys.Contains(normKey) ? KeyTraits.CellMcc : 0;
        traits |= MncKeys.Contains(normKey) ? KeyTraits.CellMnc : 0;
        traits |= AreaKeys.Contains(normKey) ? KeyTraits.CellArea : 0;
        traits |= CellKeys.Contains(normKey) ? KeyTraits.CellId : 0;
        return traits;
    }

    /// <summary>False when the tree lacks an area or a cell-id name (both are required).</summary>
    public static bool MayFind(KeyTraits all) => (all & KeyTraits.CellArea) != 0 && (all & KeyTraits.CellId) != 0;

    public void Detect(DecodedTree tree, List<DetectedDatum> results)
    {
        for (var i = 0; i < tree.Count; i++)
        {
            var node = tree[i];
            if ((tree.DescendantTraits(i) & CellPairTraits) != CellPairTraits)
            {
                // No container in this subtree has both an area and a cell-id child: it is passed over.
                i = node.End - 1;
                continue;
            }

            if (!node.HasChildren || node.Kind is not (NodeKind.Object or NodeKind.Source or NodeKind.String))
            {
                continue;
            }

            // An area and a cell id are both required.
            var childTraits = tree.ChildTraits(node.Index);
            if ((childTraits & KeyTraits.CellArea) == 0 || (childTraits & KeyTraits.CellId) == 0)
            {
                continue;
            }

            long? mcc = null, mnc = null, area = null, cell = null;
            var mccBad = false;
            foreach (var c in tree.Children(node.Index))
            {
                var traits = c.Traits;
                if ((traits & CellKeyTraits) == 0 || !c.IsScalar || !c.TryGetInteger(out var v))
                {
                    continue;
                }

                if ((traits & KeyTraits.CellMcc) != 0)
                {
                    mcc = v;
                    mccBad = !MobileCountryCodes.IsValid((int)Math.Min(v, 999));
                }
                else if ((traits & KeyTraits.CellMnc) != 0)
                {
                    mnc = v;
                }
                else if ((traits & KeyTraits.CellArea) != 0)
                {
                    area = v;
                }
                else if ((traits & KeyTraits.CellId) != 0)
                {
                    cell = v;
                }
            }

            if (area is null || cell is null || mccBad || (mnc is not null && mnc > 999))
            {
                continue;
            }

            // LAC 1..65533 (0 and 0xFFFE/0xFFFF are reserved), TAC up to 24 bits; CID up to 36 bits (NR NCI).
            if (area is < 1 or > 16_777_215 || area is 65534 or 65535 || cell is < 1 or > 68_719_476_735)
            {
                continue;
            }

            results.Add(new DetectedDatum(DataTypes.LocationCell, node.Index, CellText(mcc, mnc, area.Value, cell.Value)));
        }
    }

    // "460/0/4096/20815"; a missing MCC or MNC is written as nothing: "/0/4096/20815". Written without boxing the
    // nullable parts (an interpolated long? is boxed).
    private static string CellText(long? mcc, long? mnc, long area, long cell)
    {
        Span<char> text = stackalloc char[4 * 21];
        var length = 0;
        Append(text, ref length, mcc);
        text[length++] = '/';
        Append(text, ref length, mnc);
        text[length++] = '/';
        Append(text, ref length, area);
        text[length++] = '/';
        Append(text, ref length, cell);
        return new string(text[..length]);
    }

    private static void Append(Span<char> text, ref int length, long? part)
    {
        if (part is { } value && value.TryFormat(text[length..], out var written, default, CultureInfo.InvariantCulture))
        {
            length += written;
        }
    }
}
