using System.Text;

namespace DeviceWatch.Analysis.Decoding;

/// <summary>The leaves and containers decoded from one payload, in pre-order, with the budget that bounded them.</summary>
internal sealed class DecodedTree
{
    private readonly List<DecodedNode> _nodes = new(64);

    public DecodedTree(DecoderLimits limits)
    {
        Budget = new DecodeBudget(limits);
    }

    /// <summary>Work budget of this payload.</summary>
    public DecodeBudget Budget { get; }

    /// <summary>Malformed or truncated content met while decoding, by kind (e.g. <c>json.malformed</c>).</summary>
    public Dictionary<string, int> Anomalies { get; } = new(StringComparer.Ordinal);

    /// <summary>Number of nodes.</summary>
    public int Count => _nodes.Count;

    /// <summary>Node at <paramref name="index"/>.</summary>
    public DecodedNode this[int index] => _nodes[index];

    /// <summary>All nodes in pre-order.</summary>
    public IReadOnlyList<DecodedNode> Nodes => _nodes;

    /// <summary>True while another node may be added.</summary>
    public bool CanAdd
    {
        get
        {
            if (_nodes.Count >= Budget.Limits.MaxNodes)
            {
                Budget.MarkExhausted();
                return false;
            }

            return Budget.HasTime();
        }
    }

    /// <summary>Adds a node under <paramref name="parent"/>; returns its index, or -1 when a limit is reached.</summary>
    public int Add(int parent, NodeKind kind, string segment, string? key, string encoding,
        string? text = null, bool isArrayItem = false, int fieldNumber = 0, bool isWireDouble = false)
    {
        if (!CanAdd)
        {
            return -1;
        }

        var depth = parent < 0 ? 0 : _nodes[parent].Depth + 1;
        if (depth > Budget.Limits.MaxDepth)
        {
            Budget.MarkExhausted();
            return -1;
        }

        var index = _nodes.Count;
        _nodes.Add(new DecodedNode
        {
            Kind = kind,
            Index = index,
            Parent = parent,
            End = index + 1,
            Segment = segment,
            Key = key,
            NormKey = key is null ? "" : KeyNormalizer.Normalize(key),
            IsArrayItem = isArrayItem,
            Text = text,
            Encoding = encoding,
            Depth = depth,
            FieldNumber = fieldNumber,
            IsWireDouble = isWireDouble,
        });
        return index;
    }

    /// <summary>Closes the subtree of <paramref name="index"/> at the current end.</summary>
    public void Close(int index)
    {
        if (index >= 0 && index < _nodes.Count)
        {
            _nodes[index].End = _nodes.Count;
        }
    }

    /// <summary>Removes every node from <paramref name="count"/> on (a failed decoding attempt).</summary>
    public void Truncate(int count)
    {
        if (count < _nodes.Count)
        {
            _nodes.RemoveRange(count, _nodes.Count - count);
            foreach (var node in _nodes)
            {
                if (node.End > count)
                {
                    node.End = count;
                }
            }
        }
    }

    /// <summary>Direct children of <paramref name="index"/>.</summary>
    public ChildEnumerable Children(int index) => new(this, index);

    /// <summary>Every node below <paramref name="node"/> (not the node itself), in pre-order.</summary>
    public IEnumerable<DecodedNode> Descendants(DecodedNode node)
    {
        for (var i = node.Index + 1; i < node.End && i < _nodes.Count; i++)
        {
            yield return _nodes[i];
        }
    }

    /// <summary>Counts one anomaly of <paramref name="kind"/>.</summary>
    public void CountAnomaly(string kind)
    {
        Anomalies[kind] = Anomalies.TryGetValue(kind, out var n) ? n + 1 : 1;
    }

    /// <summary>The full field path of a node, e.g. <c>body:$.data.loc[0].lat</c>.</summary>
    public string PathOf(int index)
    {
        Span<int> chain = stackalloc int[64];
        var n = 0;
        for (var i = index; i >= 0 && n < chain.Length; i = _nodes[i].Parent)
        {
            chain[n++] = i;
        }

        var sb = new StringBuilder(48);
        for (var k = n - 1; k >= 0; k--)
        {
            sb.Append(_nodes[chain[k]].Segment);
        }

        return sb.ToString();
    }

    /// <summary>Enumerates direct children without allocating.</summary>
    public readonly struct ChildEnumerable(DecodedTree tree, int parent)
    {
        public ChildEnumerator GetEnumerator() => new(tree, parent);
    }

    /// <summary>Enumerator over direct children.</summary>
    public struct ChildEnumerator(DecodedTree tree, int parent)
    {
        private int _next = parent + 1;
        private DecodedNode? _current;

        public readonly DecodedNode Current => _current!;

        public bool MoveNext()
        {
            var end = tree._nodes[parent].End;
            if (_next >= end)
            {
                return false;
            }

            _current = tree._nodes[_next];
            _next = _current.End > _next ? _current.End : _next + 1;
            return true;
        }
    }
}
