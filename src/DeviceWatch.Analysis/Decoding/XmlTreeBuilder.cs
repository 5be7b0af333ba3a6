namespace DeviceWatch.Analysis.Decoding;

/// <summary>
/// Makes the nodes of one XML document from reader events (start tags, attributes, text, end tags), whichever reader
/// reports them: an element is an object node with its attributes as string children; its text, trimmed, becomes the
/// element's own value when it has no other child, else a <c>/#text</c> child. Stops at the tree's node limit.
/// </summary>
internal sealed class XmlTreeBuilder(ContentDecoder content, int parent, string segment, string chain)
{
    private readonly DecodedTree _tree = content.Tree;
    private readonly int _start = content.Tree.Count;
    private readonly List<(int Index, string? Text)> _open = new(16);
    private int _element = -1;

    /// <summary>True once a node could not be added; the reader stops reading.</summary>
    public bool Stopped { get; private set; }

    /// <summary>A start tag (its attributes follow through <see cref="Attribute"/>).</summary>
    public void StartElement(string name)
    {
        var names = content.XmlNames;
        var p = _open.Count == 0 ? parent : _open[^1].Index;
        var seg = _open.Count == 0 && segment.Length > 0 && segment != "$" ? segment + "/" + name : names.ElementSegment(name);
        _element = _tree.Add(p, NodeKind.Object, seg, name, chain);
        Stopped |= _element < 0;
    }

    /// <summary>An attribute of the element started last (not a namespace declaration); sets <see cref="Stopped"/> when it could not be added.</summary>
    public void Attribute(string name, string value)
    {
        var a = _tree.Add(_element, NodeKind.String, content.XmlNames.AttributeSegment(name), name, chain, value);
        if (a < 0)
        {
            Stopped = true;
            return;
        }

        content.ExpandString(a);
    }

    /// <summary>The end of the start tag: an empty element (<c>&lt;a/&gt;</c>) is complete, another one stays open.</summary>
    public void EndOfStartTag(bool isEmpty)
    {
        if (isEmpty)
        {
            _tree.Close(_element);
        }
        else
        {
            _open.Add((_element, null));
        }
    }

    /// <summary>Character data of the innermost open element.</summary>
    public void Text(string text)
    {
        if (_open.Count > 0)
        {
            _open[^1] = (_open[^1].Index, _open[^1].Text + text);
        }
    }

    /// <summary>An end tag: the innermost open element gets its text and is closed.</summary>
    public void EndElement()
    {
        if (_open.Count == 0)
        {
            return;
        }

        var (el, text) = _open[^1];
        _open.RemoveAt(_open.Count - 1);
        var node = _tree[el];
        if (text is not null && text.Trim().Length > 0)
        {
            if (_tree.Count == el + 1)
            {
                node.Kind = NodeKind.String;
                node.Text = text.Trim();
                content.ExpandString(el);
            }
            else
            {
                var t = _tree.Add(el, NodeKind.String, "/#text", node.Key, chain, text.Trim());
                if (t >= 0)
                {
                    content.ExpandString(t);
                }
            }
        }

        _tree.Close(el);
    }

    /// <summary>Nodes added since the builder was made.</summary>
    public bool AddedAny => _tree.Count > _start;

    /// <summary>Removes every node of the document (it turned out not to be XML).</summary>
    public void Discard() => _tree.Truncate(_start);

    /// <summary>Closes the elements left open (a limit or a truncated document) and counts a limit; true when nodes were added.</summary>
    public bool Complete()
    {
        for (var i = _open.Count - 1; i >= 0; i--)
        {
            _tree.Close(_open[i].Index);
        }

        if (Stopped)
        {
            _tree.CountAnomaly("xml.limit");
        }

        return AddedAny;
    }
}
