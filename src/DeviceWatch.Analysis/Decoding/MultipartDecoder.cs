using System.Text;

namespace DeviceWatch.Analysis.Decoding;

/// <summary>Decodes multipart/form-data (RFC 7578): one node per part, named by its <c>name</c> parameter.</summary>
internal static class MultipartDecoder
{
    public static bool TryDecode(ContentDecoder content, int parent, ReadOnlyMemory<byte> data, string contentType, string segment,
        string? key, string chain)
    {
        var boundary = Boundary(contentType);
        if (boundary is null)
        {
            return false;
        }

        var tree = content.Tree;
        var start = tree.Count;
        var container = tree.Add(parent, NodeKind.Object, segment, key, chain);
        if (container < 0)
        {
            return false;
        }

        var delimiter = Encoding.ASCII.GetBytes("--" + boundary);
        var span = data.Span;
        var pos = span.IndexOf(delimiter);
        var topLevel = tree[parent].Kind == NodeKind.Source && segment.Length == 0;
        var index = 0;
        while (pos >= 0 && tree.CanAdd)
        {
            pos += delimiter.Length;
            if (pos + 2 <= span.Length && span[pos] == '-' && span[pos + 1] == '-')
            {
                break;
            }

            var headerEnd = span[pos..].IndexOf("\r\n\r\n"u8);
            if (headerEnd < 0)
            {
                tree.CountAnomaly("multipart.malformed");
                break;
            }

            var headers = Encoding.UTF8.GetString(span.Slice(pos, headerEnd));
            var bodyStart = pos + headerEnd + 4;
            var next = span[bodyStart..].IndexOf(delimiter);
            var bodyEnd = next < 0 ? span.Length : bodyStart + next;
            if (next >= 0 && bodyEnd >= 2 && span[bodyEnd - 2] == '\r' && span[bodyEnd - 1] == '\n')
            {
                bodyEnd -= 2;
            }

            var name = HeaderParameter(headers, "name") ?? $"part{index}";
            var partType = HeaderValue(headers, "content-type");
            var part = data[bodyStart..Math.Max(bodyStart, bodyEnd)];
            content.DecodeBlob(container, part, partType, topLevel ? name : "." + name, name, chain, truncated: next < 0);
            index++;
            pos = next < 0 ? -1 : bodyStart + next;
        }

        tree.Close(container);
        if (tree.Count == start + 1)
        {
            tree.Truncate(start);
            return false;
        }

        return true;
    }

    private static string? Boundary(string contentType)
    {
        var b = HeaderParameter(contentType, "boundary");
        return string.IsNullOrEmpty(b) || b.Length > 200 ? null : b;
    }

    private static string? HeaderValue(string headers, string name)
    {
        foreach (var line in headers.Split("\r\n"))
        {
            var colon = line.IndexOf(':');
            if (colon > 0 && line.AsSpan(0, colon).Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return line[(colon + 1)..].Trim();
            }
        }

        return null;
    }

    /// <summary>A <c>name=value</c> or <c>name="value"</c> parameter anywhere in header text.</summary>
    public static string? HeaderParameter(string text, string name)
    {
        var pos = 0;
        while (pos < text.Length)
        {
            var at = text.IndexOf(name + "=", pos, StringComparison.OrdinalIgnoreCase);
            if (at < 0)
            {
                return null;
            }

            var before = at == 0 ? ';' : text[at - 1];
            pos = at + name.Length + 1;
            if (before is not (';' or ' ' or '\t'))
            {
                continue;
            }

            if (pos < text.Length && text[pos] == '"')
            {
                var close = text.IndexOf('"', pos + 1);
                return close < 0 ? text[(pos + 1)..] : text[(pos + 1)..close];
            }

            var end = text.IndexOfAny([';', '\r', '\n'], pos);
            return (end < 0 ? text[pos..] : text[pos..end]).Trim();
        }

        return null;
    }
}
