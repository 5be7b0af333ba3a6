namespace DeviceWatch.Analysis.Detection;

/// <summary>Finds RFC 5322-ish e-mail addresses (dot-atom local part, host names, a known top-level domain).</summary>
internal static class EmailAddress
{
    /// <summary>The first address in <paramref name="text"/>, or null.</summary>
    public static string? Find(string text)
    {
        var at = text.IndexOf('@');
        while (at > 0 && at < text.Length - 3)
        {
            var start = at;
            while (start > 0 && IsLocalChar(text[start - 1]))
            {
                start--;
            }

            var end = at + 1;
            while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] is '-' or '.' || text[end] > 0x7f && char.IsLetter(text[end])))
            {
                end++;
            }

            while (end > at + 1 && text[end - 1] == '.')
            {
                end--;
            }

            var local = text.AsSpan(start, at - start);
            var domain = text.AsSpan(at + 1, end - at - 1);
            if (IsValidLocal(local) && IsValidDomain(domain))
            {
                return text[start..end];
            }

            at = text.IndexOf('@', at + 1);
        }

        return null;
    }

    private static bool IsLocalChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '%' or '+' or '-';

    private static bool IsValidLocal(ReadOnlySpan<char> local) =>
        local.Length is >= 1 and <= 64 && local[0] != '.' && local[^1] != '.' && local.IndexOf("..") < 0;

    private static bool IsValidDomain(ReadOnlySpan<char> domain)
    {
        if (domain.Length is < 4 or > 253)
        {
            return false;
        }

        var lastDot = domain.LastIndexOf('.');
        if (lastDot <= 0)
        {
            return false;
        }

        foreach (var range in domain.Split('.'))
        {
            var label = domain[range];
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-')
            {
                return false;
            }
        }

        return TopLevelDomains.IsKnown(domain[(lastDot + 1)..]);
    }
}
