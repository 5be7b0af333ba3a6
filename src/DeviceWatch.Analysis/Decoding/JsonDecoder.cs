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

        Span<int> stackIdx = stackalloc int[66];
        Span<int> stackCount = stackalloc int[66];
        Span<bool> stackArray = stackalloc bool[66];
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
                        tree.Close(stackIdx[--sp]);
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
                else if (stackArray[sp - 1])
                {
                    seg = ItemSegment(stackCount[sp - 1]++);
                    k = tree[stackIdx[sp - 1]].Field;
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
                        added = tree.Add(parent: sp == 0 ? parent : stackIdx[sp - 1],
                            token == JsonTokenType.StartObject ? NodeKind.Object : NodeKind.Array, seg, k, chain, isArrayItem: item);
                        if (added < 0 || sp >= stackIdx.Length)
                        {
                            stopped = true;
                            break;
                        }

                        stackIdx[sp] = added;
                        stackCount[sp] = 0;
                        stackArray[sp] = token == JsonTokenType.StartArray;
                        sp++;
                        break;
                    case JsonTokenType.String:
                        added = tree.Add(sp == 0 ? parent : stackIdx[sp - 1], NodeKind.String, seg, k, chain, reader.GetString(), item);
                        if (added < 0)
                        {
                            stopped = true;
                            break;
                        }

                        content.ExpandString(added);
                        break;
                    case JsonTokenType.Number:
                        // The text is made from the original bytes only if a detector reads it.
                        added = tree.Add(sp == 0 ? parent : stackIdx[sp - 1], NodeKind.Number, seg, k, chain, null, item);
                        stopped = added < 0;
                        if (!stopped)
                        {
                            tree[added].SetNumberUtf8(json.Slice((int)reader.TokenStartIndex, reader.ValueSpan.Length));
                        }

                        break;
                    case JsonTokenType.True:
                    case JsonTokenType.False:
                        added = tree.Add(sp == 0 ? parent : stackIdx[sp - 1], NodeKind.Bool, seg, k, chain,
                            token == JsonTokenType.True ? "true" : "false", item);
                        stopped = added < 0;
                        break;
                    case JsonTokenType.Null:
                        added = tree.Add(sp == 0 ? parent : stackIdx[sp - 1], NodeKind.Null, seg, k, chain, null, item);
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
            tree.Close(stackIdx[--sp]);
        }

        return tree.Count > start;
    }

    private static readonly string[] SmallItems = Enumerable.Range(0, 64).Select(i => $"[{i}]").ToArray();

    /// <summary>The path segment of array item <paramref name="i"/>.</summary>
    public static string ItemSegment(int i) => i < SmallItems.Length ? SmallItems[i] : $"[{i}]";
}
