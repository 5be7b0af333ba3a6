using System.Text;
using DeviceWatch.Analysis.Decoding;
using DeviceWatch.Core.Analysis;

namespace DeviceWatch.Analysis.Detection;

/// <summary>
/// Finds Chinese mobile numbers (allocated prefixes, not inside longer digit runs, decimals or timestamp/order
/// fields), e-mail addresses, and contact lists (a list of at least two entries that each carry a name and a
/// phone number or e-mail address).
/// </summary>
internal sealed class ContactDetector : IDetector
{
    /// <summary>The shortest text any contact check reads (a phone number or an e-mail address).</summary>
    internal const int MinTextLength = 6;

    /// <summary>The fewest characters a phone number takes (11 digits, without country code or separators).</summary>
    internal const int MinPhoneLength = 11;

    private static readonly HashSet<string> NameKeys = ["name", "displayname", "contactname", "fullname", "nickname", "xingming", "姓名", "username", "firstname", "lastname", "contact"];
    private static readonly string[] PhoneKeyParts = ["phone", "mobile", "tel", "number", "shouji", "手机", "电话", "cell", "msisdn"];

    /// <summary>The contact traits of a normalized member name (see <see cref="KeyClassifier"/>).</summary>
    public static KeyTraits TraitsOf(string normKey)
    {
        var traits = KeyTraits.None;
        traits |= NameKeys.Contains(normKey) ? KeyTraits.ContactName : 0;
        traits |= IsPhoneKey(normKey) ? KeyTraits.PhoneKey : 0;
        return traits;
    }

    public void Detect(DecodedTree tree, List<DetectedDatum> results)
    {
        foreach (var node in tree.Nodes)
        {
            Visit(tree, node, results);
        }
    }

    /// <summary>Looks at one node (no state between nodes).</summary>
    public static void Visit(DecodedTree tree, DecodedNode node, List<DetectedDatum> results)
    {
        // Every entry of a list needs a name field.
        if (node.HasChildren && node.Kind is NodeKind.Array or NodeKind.Object && (tree.DescendantTraits(node.Index) & KeyTraits.ContactName) != 0)
        {
            DetectList(tree, node, results);
        }

        // A string whose text decoded to nested content is represented by its children. A number is only read
        // as a phone number (11 to 16 characters; never a pending float, whose long digit runs touch a point).
        if (node.Kind is not (NodeKind.String or NodeKind.Number) || node.HasChildren
            || node.Kind == NodeKind.Number && node.HasPlainNumberText && (node.IsPendingFloat || node.TextLength is < MinPhoneLength or > 16)
            || node.Text is not { Length: >= MinTextLength } text || text.Length > 4096)
        {
            return;
        }

        if (text.Length >= MinPhoneLength && (node.Kind == NodeKind.String || text.Length <= 16) && !IsNonPhoneKey(node.Traits)
            && ChineseMobileNumber.Find(text) is { } phone)
        {
            results.Add(new DetectedDatum(DataTypes.ContactPhone, node.Index, phone));
        }

        if (node.Kind == NodeKind.String && text.Contains('@') && EmailAddress.Find(text) is { } email)
        {
            results.Add(new DetectedDatum(DataTypes.ContactEmail, node.Index, email));
        }
    }

    private static bool IsNonPhoneKey(KeyTraits traits) => (traits & (KeyTraits.PhoneKey | KeyTraits.NonPersonal)) == KeyTraits.NonPersonal;

    private static void DetectList(DecodedTree tree, DecodedNode list, List<DetectedDatum> results)
    {
        var entries = 0;
        StringBuilder? summary = null;
        foreach (var entry in tree.Children(list.Index))
        {
            if (entry.Kind != NodeKind.Object)
            {
                continue;
            }

            string? name = null, reach = null;
            for (var i = entry.Index + 1; i < entry.End && i < tree.Count; i++)
            {
                var field = tree[i];
                if (field.Kind != NodeKind.String && field.Kind != NodeKind.Number || field.Text is null)
                {
                    continue;
                }

                var traits = field.Traits;
                if (name is null && (traits & KeyTraits.ContactName) != 0 && field.Text.Length is > 0 and <= 64)
                {
                    name = field.Text;
                }
                else if (reach is null && ((traits & KeyTraits.PhoneKey) != 0 && LooksLikePhone(field.Text)
                                           || field.Text.Contains('@') && EmailAddress.Find(field.Text) is not null))
                {
                    reach = field.Text;
                }
            }

            if (name is not null && reach is not null)
            {
                entries++;
                summary ??= new StringBuilder();
                if (summary.Length < 200)
                {
                    summary.Append(summary.Length > 0 ? ";" : "").Append(name).Append(':').Append(reach);
                }
            }
        }

        if (entries >= 2)
        {
            results.Add(new DetectedDatum(DataTypes.ContactList, list.Index, summary!.ToString()));
        }
    }

    private static bool IsPhoneKey(string key)
    {
        foreach (var part in PhoneKeyParts)
        {
            if (key.Contains(part, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool LooksLikePhone(string text)
    {
        var digits = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (c is not (' ' or '-' or '+' or '(' or ')'))
            {
                return false;
            }
        }

        return digits is >= 5 and <= 15;
    }
}
