using System.Text;
using System.Text.Json;

namespace DeviceWatch.Analysis.Decoding;

/// <summary>Decodes JSON with <see cref="Utf8JsonReader"/>; numbers keep their original text (made when first read). Paths: <c>$.data.loc[0].lat</c>.</summary>
internal static class JsonDecoder
{
    /// <summary>
    /// Appends the JSON document under <paramref name="parent"/>. On malformed input the nodes added are removed
    /// unless <paramref name="allowPartial"/> (a truncated body) is set and something was decoded.
    /// </summary>
    public static bool TryDecode(ContentDecoder content, int parent, ReadOnlyMemory<byte> json, string segment, string? key,
        string chain, bool allowPartial)
    {
        // A complete document with a raw control byte or bytes that are not UTF-8 is not JSON (a truncated one keeps
        // what decoded before the damage). Binary bodies that start with '{' or '[' stop here, not in a reader exception.
        if (!allowPartial && (ControlBytes.AnyOutsideText(json.Span) || !System.Text.Unicode.Utf8.IsValid(json.Span))
            || StartsUnlikeJson(json.Span))
        {
            return false;
        }

        // The open containers, in frames the content decoder lends (a nested document borrows the next set): no
        // stack buffer to clear for every document, and without one the reading loop is tiered with profile guidance.
        var stack = content.JsonFrames.Rent();
        try
        {
            return Read(content, parent, json, segment, key, chain, allowPartial, stack);
        }
        finally
        {
            content.JsonFrames.Return();
        }
    }

    private static bool Read(ContentDecoder content, int parent, ReadOnlyMemory<byte> json, string segment, string? key,
        string chain, bool allowPartial, JsonFrame[] stack)
    {
        var tree = content.Tree;
        var start = tree.Count;
        if (segment.Length == 0 && tree[parent].Kind == NodeKind.Source)
        {
            segment = "$";
        }

        var reader = new Utf8JsonReader(json.Span, new JsonReaderOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            MaxDepth = tree.Budget.Limits.MaxDepth + 2,
        });

        var sp = 0;
        var name = FieldKey.None;
        var outerKey = tree.Keys.Get(key);
        var stopped = false;
        try
        {
            while (reader.Read())
            {
                var token = reader.TokenType;
                if (token == JsonTokenType.PropertyName)
                {
                    name = reader.ValueIsEscaped || reader.HasValueSequence
                        ? tree.Keys.Get(reader.GetString())
                        : tree.Keys.GetUtf8(reader.ValueSpan);
                    continue;
                }

                if (token is JsonTokenType.EndObject or JsonTokenType.EndArray)
                {
                    if (sp > 0)
                    {
                        tree.Close(stack[--sp].Node);
                    }

                    continue;
                }

                // Segment and key of the value being added.
                string seg;
                FieldKey k;
                var item = false;
                if (sp == 0)
                {
                    seg = segment;
                    k = outerKey;
                }
                else if (stack[sp - 1].IsArray)
                {
                    seg = ItemSegment(stack[sp - 1].Items++);
                    k = tree[stack[sp - 1].Node].Field;
                    item = true;
                }
                else
                {
                    seg = name.MemberSegment;
                    k = name;
                }

                int added;
                switch (token)
                {
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        added = tree.Add(parent: sp == 0 ? parent : stack[sp - 1].Node,
                            token == JsonTokenType.StartObject ? NodeKind.Object : NodeKind.Array, seg, k, chain, isArrayItem: item);
                        if (added < 0 || sp >= stack.Length)
                        {
                            stopped = true;
                            break;
                        }

                        stack[sp] = new JsonFrame { Node = added, Items = 0, IsArray = token == JsonTokenType.StartArray };
                        sp++;
                        break;
                    case JsonTokenType.String:
                        var text = reader.GetString();
                        added = tree.Add(sp == 0 ? parent : stack[sp - 1].Node, NodeKind.String, seg, k, chain, text, item);
                        if (added < 0)
                        {
                            stopped = true;
                            break;
                        }

                        content.ExpandString(added, text);
                        break;
                    case JsonTokenType.Number:
                        // The text is made from the original bytes only if a detector reads it.
                        added = tree.Add(sp == 0 ? parent : stack[sp - 1].Node, NodeKind.Number, seg, k, chain, null, item);
                        stopped = added < 0;
                        if (!stopped)
                        {
                            tree[added].SetNumberUtf8(json.Slice((int)reader.TokenStartIndex, reader.ValueSpan.Length));
                        }

                        break;
                    case JsonTokenType.True:
                    case JsonTokenType.False:
                        added = tree.Add(sp == 0 ? parent : stack[sp - 1].Node, NodeKind.Bool, seg, k, chain,
                            token == JsonTokenType.True ? "true" : "false", item);
                        stopped = added < 0;
                        break;
                    case JsonTokenType.Null:
                        added = tree.Add(sp == 0 ? parent : stack[sp - 1].Node, NodeKind.Null, seg, k, chain, null, item);
                        stopped = added < 0;
                        break;
                }

                if (stopped)
                {
                    tree.CountAnomaly("json.limit");
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            if (!allowPartial || tree.Count == start)
            {
                tree.Truncate(start);
                return false;
            }

            tree.CountAnomaly("json.truncated");
        }

        while (sp > 0)
        {
            tree.Close(stack[--sp].Node);
        }

        return tree.Count > start;
    }

    /// <summary>
    /// True when the first value inside an opening <c>[</c> or <c>{</c> already breaks the JSON grammar, so the reader
    /// would throw: a log line like <c>[2000-01-01][00:01:04]|RT|...</c> or <c>[INFO] ...</c> sniffed as JSON. False
    /// whenever the document may still be JSON (comments, data ending early, anything not checked here).
    /// </summary>
    internal static bool StartsUnlikeJson(ReadOnlySpan<byte> json)
    {
        var i = SkipSpace(json, 0);
        if (i >= json.Length || json[i] is not ((byte)'[' or (byte)'{'))
        {
            return false;
        }

        var open = json[i];
        i = SkipSpace(json, i + 1);
        if (i >= json.Length)
        {
            return false;
        }

        var c = json[i];
        if (open == (byte)'{')
        {
            return c is not ((byte)'"' or (byte)'}' or (byte)'/');
        }

        if (c is (byte)'{' or (byte)'[' or (byte)'"' or (byte)']' or (byte)'/' or (byte)'t' or (byte)'f' or (byte)'n')
        {
            return false;
        }

        if (c is not ((byte)'-' or (>= (byte)'0' and <= (byte)'9')))
        {
            return true;
        }

        // A number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?, then a separator.
        if (c == (byte)'-' && ++i >= json.Length)
        {
            return false;
        }

        if (json[i] == (byte)'0')
        {
            i++;
        }
        else if (!SkipDigits(json, ref i))
        {
            return i < json.Length;
        }

        if (i < json.Length && json[i] == (byte)'.')
        {
            i++;
            if (!SkipDigits(json, ref i))
            {
                return i < json.Length;
            }
        }

        if (i < json.Length && json[i] is (byte)'e' or (byte)'E')
        {
            i++;
            if (i < json.Length && json[i] is (byte)'+' or (byte)'-')
            {
                i++;
            }

            if (!SkipDigits(json, ref i))
            {
                return i < json.Length;
            }
        }

        return i < json.Length && json[i] is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)',' or (byte)']' or (byte)'/');
    }

    private static int SkipSpace(ReadOnlySpan<byte> json, int i)
    {
        while (i < json.Length && json[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            i++;
        }

        return i;
    }

    // At least one digit; false when there is none at i.
    private static bool SkipDigits(ReadOnlySpan<byte> json, ref int i)
    {
        var start = i;
        while (i < json.Length && json[i] is >= (byte)'0' and <= (byte)'9')
        {
            i++;
        }

        return i > start;
    }

    /// <summary>Open containers one document may hold (the reader's depth limit stops a deeper one first).</summary>
    public const int MaxFrames = 66;

    private static readonly string[] SmallItems = Enumerable.Range(0, 64).Select(i => $"[{i}]").ToArray();

    /// <summary>The path segment of array item <paramref name="i"/>.</summary>
    public static string ItemSegment(int i) => i < SmallItems.Length ? SmallItems[i] : $"[{i}]";
}
