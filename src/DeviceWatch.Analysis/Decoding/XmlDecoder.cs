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

        var names = content.XmlNames;
        names.CountDocument();

        // A truncated body keeps what decoded before the damage, which only XmlReader reports.
        if (subset && !allowPartial)
        {
            var events = names.Events.Rent();
            try
            {
                if (SimpleXmlReader.TryRead(data.Span, names.Settings.NameTable!, names.NameBuffer, events))
                {
                    return Emit(content, parent, events, segment, chain);
                }
            }
            finally
            {
                names.Events.Return();
            }
        }

        return ReadWithXmlReader(content, parent, data, segment, chain, allowPartial);
    }

    // The nodes of a document read by SimpleXmlReader, made from its events as ReadWithXmlReader makes them.
    private static bool Emit(ContentDecoder content, int parent, List<XmlEvent> events, string segment, string chain)
    {
        var builder = new XmlTreeBuilder(content, parent, segment, chain);
        for (var e = 0; e < events.Count && !builder.Stopped; e++)
        {
            var ev = events[e];
            switch (ev.Kind)
            {
                case XmlEventKind.Element:
                    builder.StartElement(ev.Name);
                    if (builder.Stopped)
                    {
                        break;
                    }

                    // A node limit stops adding attributes, not closing the element.
                    for (; e + 1 < events.Count && events[e + 1].Kind == XmlEventKind.Attribute; e++)
                    {
                        if (!builder.Stopped)
                        {
                            builder.Attribute(events[e + 1].Name, events[e + 1].Value!);
                        }
                    }

                    builder.EndOfStartTag(ev.IsEmpty);
                    break;
                case XmlEventKind.Text:
                    builder.Text(ev.Value!);
                    break;
                case XmlEventKind.EndElement:
                    builder.EndElement();
                    break;
            }
        }

        return builder.Complete();
    }

    private static bool ReadWithXmlReader(ContentDecoder content, int parent, ReadOnlyMemory<byte> data, string segment, string chain,
        bool allowPartial)
    {
        var builder = new XmlTreeBuilder(content, parent, segment, chain);
        try
        {
            using var reader = XmlReader.Create(new ReadOnlyMemoryStream(data), content.XmlNames.Settings);
            while (!builder.Stopped && reader.Read())
            {
                switch (reader.NodeType)
                {
                    case XmlNodeType.Element:
                        builder.StartElement(reader.LocalName);
                        if (builder.Stopped)
                        {
                            break;
                        }

                        if (reader.HasAttributes)
                        {
                            while (reader.MoveToNextAttribute())
                            {
                                if (reader.Prefix == "xmlns" || reader.LocalName == "xmlns")
                                {
                                    continue;
                                }

                                builder.Attribute(reader.LocalName, reader.Value);
                                if (builder.Stopped)
                                {
                                    break;
                                }
                            }

                            reader.MoveToElement();
                        }

                        builder.EndOfStartTag(reader.IsEmptyElement);
                        break;
                    case XmlNodeType.Text:
                    case XmlNodeType.CDATA:
                    case XmlNodeType.SignificantWhitespace:
                        builder.Text(reader.Value);
                        break;
                    case XmlNodeType.EndElement:
                        builder.EndElement();
                        break;
                }
            }
        }
        catch (XmlException)
        {
            if (!allowPartial || !builder.AddedAny)
            {
                builder.Discard();
                return false;
            }

            content.Tree.CountAnomaly("xml.truncated");
        }
        catch (InvalidOperationException)
        {
            builder.Discard();
            return false;
        }

        return builder.Complete();
    }
}
