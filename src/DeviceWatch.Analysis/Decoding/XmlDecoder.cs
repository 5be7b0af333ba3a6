using System.Xml;

namespace DeviceWatch.Analysis.Decoding;

/// <summary>Decodes XML with <see cref="XmlReader"/> (DTDs prohibited, no resolver). Paths: <c>/root/child/@attr</c>.</summary>
internal static class XmlDecoder
{
    public static bool TryDecode(ContentDecoder content, int parent, ReadOnlyMemory<byte> data, string segment, string? key,
        string chain, bool allowPartial)
    {
        // A complete document with a raw control byte is not XML, unless its characters are 16 or 32 bits wide.
        if (!allowPartial && ControlBytes.AnyOutsideText(data.Span) && !ControlBytes.MayBeWideText(data.Span))
        {
            return false;
        }

        var tree = content.Tree;
        var start = tree.Count;
        var names = content.XmlNames;
        var stack = new List<(int Index, string? Text)>(16);
        var root = -1;
        var stopped = false;
        try
        {
            using var reader = XmlReader.Create(new ReadOnlyMemoryStream(data), names.Settings);
            while (!stopped && reader.Read())
            {
                switch (reader.NodeType)
                {
                    case XmlNodeType.Element:
                    {
                        var name = reader.LocalName;
                        var p = stack.Count == 0 ? parent : stack[^1].Index;
                        var seg = stack.Count == 0 && segment.Length > 0 && segment != "$" ? segment + "/" + name : names.ElementSegment(name);
                        var el = tree.Add(p, NodeKind.Object, seg, name, chain);
                        if (el < 0)
                        {
                            stopped = true;
                            break;
                        }

                        root = root < 0 ? el : root;
                        if (reader.HasAttributes)
                        {
                            while (reader.MoveToNextAttribute())
                            {
                                if (reader.Prefix == "xmlns" || reader.LocalName == "xmlns")
                                {
                                    continue;
                                }

                                var attribute = reader.LocalName;
                                var a = tree.Add(el, NodeKind.String, names.AttributeSegment(attribute), attribute, chain, reader.Value);
                                if (a < 0)
                                {
                                    stopped = true;
                                    break;
                                }

                                content.ExpandString(a);
                            }

                            reader.MoveToElement();
                        }

                        if (reader.IsEmptyElement)
                        {
                            tree.Close(el);
                        }
                        else
                        {
                            stack.Add((el, null));
                        }

                        break;
                    }

                    case XmlNodeType.Text:
                    case XmlNodeType.CDATA:
                    case XmlNodeType.SignificantWhitespace:
                        if (stack.Count > 0)
                        {
                            stack[^1] = (stack[^1].Index, stack[^1].Text + reader.Value);
                        }

                        break;
                    case XmlNodeType.EndElement:
                        if (stack.Count > 0)
                        {
                            var (el, text) = stack[^1];
                            stack.RemoveAt(stack.Count - 1);
                            Finish(content, el, text, chain);
                        }

                        break;
                }
            }
        }
        catch (XmlException)
        {
            if (!allowPartial || tree.Count == start)
            {
                tree.Truncate(start);
                return false;
            }

            tree.CountAnomaly("xml.truncated");
        }
        catch (InvalidOperationException)
        {
            tree.Truncate(start);
            return false;
        }

        for (var i = stack.Count - 1; i >= 0; i--)
        {
            tree.Close(stack[i].Index);
        }

        if (stopped)
        {
            tree.CountAnomaly("xml.limit");
        }

        return tree.Count > start;
    }

    private static void Finish(ContentDecoder content, int el, string? text, string chain)
    {
        var tree = content.Tree;
        var node = tree[el];
        if (text is not null && text.Trim().Length > 0)
        {
            if (tree.Count == el + 1)
            {
                node.Kind = NodeKind.String;
                node.Text = text.Trim();
                content.ExpandString(el);
            }
            else
            {
                var t = tree.Add(el, NodeKind.String, "/#text", node.Key, chain, text.Trim());
                if (t >= 0)
                {
                    content.ExpandString(t);
                }
            }
        }

        tree.Close(el);
    }
}
