using System.Xml;

namespace DeviceWatch.Analysis.Decoding;

/// <summary>
/// Decodes XML: plain complete documents with <see cref="SimpleXmlReader"/>, everything else with <see cref="XmlReader"/>
/// (DTDs prohibited, no resolver); both give the same nodes. Paths: <c>/root/child/@attr</c>.
/// </summary>
internal static class XmlDecoder
{
    /// <summary>
    /// Appends the document under <paramref name="parent"/>; false (nothing added) when it is not XML. With
    /// <paramref name="allowPartial"/> (a truncated body) what decoded before the damage is kept. <paramref name="subset"/>
    /// false reads every document with <see cref="XmlReader"/> (tests compare the two readers).
    /// </summary>
    public static bool TryDecode(ContentDecoder content, int parent, ReadOnlyMemory<byte> data, string segment, string? key,
        string chain, bool allowPartial, bool subset = true)
    {
        // A complete document with a raw control byte is not XML, unless its characters are 16 or 32 bits wide.
        if (!allowPartial && ControlBytes.AnyOutsideText(data.Span) && !ControlBytes.MayBeWideText(data.Span))
        {
            return false;
        }

        // A truncated body keeps what decoded before the damage, which only XmlReader reports.
        if (subset && !allowPartial)
        {
            var names = content.XmlNames;
            var events = names.RentEvents();
            try
            {
                if (SimpleXmlReader.TryRead(data.Span, names.Settings.NameTable!, names.NameBuffer, events))
                {
                    return Emit(content, parent, events, segment, chain);
                }
            }
            finally
            {
                names.ReturnEvents();
            }
        }

        return ReadWithXmlReader(content, parent, data, segment, chain, allowPartial);
    }

    // The nodes of a document read by SimpleXmlReader, made as ReadWithXmlReader makes them from the same events.
    private static bool Emit(ContentDecoder content, int parent, List<XmlEvent> events, string segment, string chain)
    {
        var tree = content.Tree;
        var start = tree.Count;
        var names = content.XmlNames;
        var stack = new List<(int Index, string? Text)>(16);
        var stopped = false;
        for (var e = 0; e < events.Count && !stopped; e++)
        {
            var ev = events[e];
            switch (ev.Kind)
            {
                case XmlEventKind.Element:
                {
                    var name = ev.Name;
                    var p = stack.Count == 0 ? parent : stack[^1].Index;
                    var seg = stack.Count == 0 && segment.Length > 0 && segment != "$" ? segment + "/" + name : names.ElementSegment(name);
                    var el = tree.Add(p, NodeKind.Object, seg, name, chain);
                    if (el < 0)
                    {
                        stopped = true;
                        break;
                    }

                    // The element's attributes follow it; a node limit stops adding them, not closing the element.
                    while (e + 1 < events.Count && events[e + 1].Kind == XmlEventKind.Attribute)
                    {
                        var attribute = events[++e];
                        if (stopped)
                        {
                            continue;
                        }

                        var a = tree.Add(el, NodeKind.String, names.AttributeSegment(attribute.Name), attribute.Name, chain, attribute.Value);
                        if (a < 0)
                        {
                            stopped = true;
                            continue;
                        }

                        content.ExpandString(a);
                    }

                    if (ev.IsEmpty)
                    {
                        tree.Close(el);
                    }
                    else
                    {
                        stack.Add((el, null));
                    }

                    break;
                }

                case XmlEventKind.Text:
                    if (stack.Count > 0)
                    {
                        stack[^1] = (stack[^1].Index, stack[^1].Text + ev.Value);
                    }

                    break;
                case XmlEventKind.EndElement:
                    if (stack.Count > 0)
                    {
                        var (el, text) = stack[^1];
                        stack.RemoveAt(stack.Count - 1);
                        Finish(content, el, text, chain);
                    }

                    break;
            }
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

    private static bool ReadWithXmlReader(ContentDecoder content, int parent, ReadOnlyMemory<byte> data, string segment, string chain,
        bool allowPartial)
    {
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
