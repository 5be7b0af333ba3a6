using DeviceWatch.Analysis.Detection;

namespace DeviceWatch.Analysis.Decoding;

/// <summary>
/// The leaves and containers decoded from one payload, in pre-order, with the budget that bounded them.
/// A tree can be <see cref="Reset"/> and filled again: node objects and the key table are reused.
/// </summary>
internal sealed class DecodedTree
{
    private DecodedNode[] _nodes = new DecodedNode[64];
    private int _count;
    private Dictionary<string, int>? _anomalies;
    // Per node, side by side: the summary pass clears one array and a child's update touches one entry of it.
    private NodeSummary[] _summaries = new NodeSummary[64];
    private int[] _detectorNodes = new int[64];
    private int _detectorNodesStart;
    private KeyTraits _allTraits;
    private int _maxArrayItems;
    private bool _hasBytes;
    private int _version;
    private int _traitsVersion = -1;
    private readonly int[] _pathChain = new int[64];

    // The node and depth limits, read by every Add (kept here rather than behind Budget.Limits).
    private readonly int _maxNodes;
    private readonly int _maxDepth;

    public DecodedTree(DecoderLimits limits)
    {
        Budget = new DecodeBudget(limits);
        _maxNodes = limits.MaxNodes;
        _maxDepth = limits.MaxDepth;
    }

    /// <summary>Work budget of this payload.</summary>
    public DecodeBudget Budget { get; }

    /// <summary>Member names seen, normalized and classified once.</summary>
    public KeyTable Keys { get; } = new();

    /// <summary>Malformed or truncated content met while decoding, by kind (e.g. <c>json.malformed</c>).</summary>
    public Dictionary<string, int> Anomalies => _anomalies ??= new Dictionary<string, int>(StringComparer.Ordinal);

    /// <summary>Anomalies counted since <see cref="Reset"/>.</summary>
    public int AnomalyTotal { get; private set; }

    /// <summary>Whether the body's raw text is fully represented by leaves and member names (see <see cref="CleanBodyKind"/>).</summary>
    public CleanBodyKind CleanBody { get; set; }

    /// <summary>Number of nodes.</summary>
    public int Count => _count;

    /// <summary>Node at <paramref name="index"/>.</summary>
    public DecodedNode this[int index]
    {
        get
        {
            if ((uint)index >= (uint)_count)
            {
                throw new ArgumentOutOfRangeException(nameof(index));
            }

            return _nodes[index];
        }
    }

    /// <summary>All nodes in pre-order.</summary>
    public ArraySegment<DecodedNode> Nodes => new(_nodes, 0, _count);

    /// <summary>True while another node may be added.</summary>
    public bool CanAdd
    {
        get
        {
            if (_count >= _maxNodes)
            {
                Budget.MarkExhausted();
                return false;
            }

            return Budget.HasTime();
        }
    }

    /// <summary>Empties the tree for the next payload (keeps node objects and known keys) and restarts the budget.</summary>
    public void Reset()
    {
        _version++;
        _count = 0;
        _anomalies?.Clear();
        AnomalyTotal = 0;
        CleanBody = CleanBodyKind.None;
        Budget.Reset();
    }

    /// <summary>Adds a node under <paramref name="parent"/>; returns its index, or -1 when a limit is reached.</summary>
    public int Add(int parent, NodeKind kind, string segment, string? key, string encoding,
        string? text = null, bool isArrayItem = false, int fieldNumber = 0, bool isWireDouble = false) =>
        Add(parent, kind, segment, Keys.Get(key), encoding, text, isArrayItem, fieldNumber, isWireDouble);

    /// <summary>Adds a node whose member name is already looked up.</summary>
    public int Add(int parent, NodeKind kind, string segment, FieldKey key, string encoding,
        string? text = null, bool isArrayItem = false, int fieldNumber = 0, bool isWireDouble = false)
    {
        if (!CanAdd)
        {
            return -1;
        }

        var depth = parent < 0 ? 0 : _nodes[parent].Depth + 1;
        if (depth > _maxDepth)
        {
            Budget.MarkExhausted();
            return -1;
        }

        var index = _count;
        if (index == _nodes.Length)
        {
            Array.Resize(ref _nodes, _nodes.Length * 2);
        }

        _version++;
        var node = _nodes[index] ??= new DecodedNode();
        node.Reset(kind, index, parent, segment, key, isArrayItem, text, encoding, depth, fieldNumber, isWireDouble);
        _count++;
        return index;
    }

    /// <summary>Closes the subtree of <paramref name="index"/> at the current end.</summary>
    public void Close(int index)
    {
        if (index >= 0 && index < _count)
        {
            _nodes[index].End = _count;
        }
    }

    /// <summary>Removes every node from <paramref name="count"/> on (a failed decoding attempt).</summary>
    public void Truncate(int count)
    {
        if (count < _count)
        {
            _version++;
            _count = count;
            for (var i = 0; i < count; i++)
            {
                if (_nodes[i].End > count)
                {
                    _nodes[i].End = count;
                }
            }
        }
    }

    /// <summary>
    /// The union of the <see cref="DecodedNode.Traits"/> of the direct children of <paramref name="index"/>: a
    /// detector that needs a child with some name can skip a container whose union lacks it.
    /// </summary>
    public KeyTraits ChildTraits(int index)
    {
        Summarize();
        return _summaries[index].ChildTraits;
    }

    /// <summary>The union of the <see cref="DecodedNode.Traits"/> of every node: a detector whose names are all absent can be skipped.</summary>
    public KeyTraits AllTraits
    {
        get
        {
            Summarize();
            return _allTraits;
        }
    }

    /// <summary>The largest number of direct children of an <see cref="NodeKind.Array"/> node (0 when there is none).</summary>
    public int MaxArrayItems
    {
        get
        {
            Summarize();
            return _maxArrayItems;
        }
    }

    /// <summary>True when some node is <see cref="NodeKind.Bytes"/>.</summary>
    public bool HasBytes
    {
        get
        {
            Summarize();
            return _hasBytes;
        }
    }

    /// <summary>The union of the <see cref="DecodedNode.Traits"/> of every node below <paramref name="index"/>.</summary>
    public KeyTraits DescendantTraits(int index)
    {
        Summarize();
        return _summaries[index].DescendantTraits;
    }

    /// <summary>
    /// The nodes the per-node detectors must look at, in pre-order: every node with children, and every leaf that a
    /// location, identifier, contact or resident-id check could accept. Left out are leaves none of them reads: text
    /// shorter than 6 characters, booleans, bytes, and numbers written without spaces that are too short for any
    /// identifier, phone or id number (a pending float, or fewer than 11 digits, without an identifier name), and protobuf
    /// doubles written with a point or an exponent (without an identifier name).
    /// </summary>
    public ReadOnlySpan<int> DetectorNodes
    {
        get
        {
            Summarize();
            return _detectorNodes.AsSpan(_detectorNodesStart, _count - _detectorNodesStart);
        }
    }

    // True for a childless node that every per-node detector rejects from its kind and text length alone. The bounds
    // are the detectors' own: identifier and contact checks read texts of their MinTextLength or more (resident ids,
    // location pair strings and app lists need more still); a number without an identifier name is read only as a
    // phone number (ContactDetector.MinPhoneLength or more), an IMEI, ICCID or MAC (15 or more) or a resident id (18),
    // and never when it is a float.
    private static bool IsInertLeaf(DecodedNode node, KeyTraits traits)
    {
        var kind = node.Kind;
        if (kind is not (NodeKind.String or NodeKind.Number))
        {
            return true;
        }

        if (kind == NodeKind.Number && (traits & DeviceIdentifierDetector.IdentifierKeyTraits) == 0)
        {
            if (node.HasPlainNumberText)
            {
                return node.IsPendingFloat || node.TextLength < ContactDetector.MinPhoneLength;
            }

            // A double written with a point or an exponent (a protobuf fixed64 reading): identifiers and phone numbers
            // are digit runs of their own and resident ids start with a province code, never right after "0." as the
            // only digit run of 18 or more in such a text does.
            if (node.HasFractionalDoubleText)
            {
                return true;
            }
        }

        // -1: no text yet, or a float written only when read (a float under an identifier name is read).
        var length = node.TextLength;
        return length >= 0 && length < DeviceIdentifierDetector.MinTextLength && length < ContactDetector.MinTextLength;
    }

    // The summaries are made again only after the tree changed. The check is inlined into every accessor (the
    // detectors ask a few dozen times per payload); the pass itself is not.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private void Summarize()
    {
        if (_traitsVersion != _version)
        {
            SummarizeTraits();
        }
    }

    // One backward pass (children come after their parent in pre-order).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void SummarizeTraits()
    {
        if (_summaries.Length < _count)
        {
            _summaries = new NodeSummary[_nodes.Length];
            _detectorNodes = new int[_nodes.Length];
        }

        var summaries = _summaries.AsSpan(0, _count);
        summaries.Clear();
        var all = KeyTraits.None;
        var maxItems = 0;
        var hasBytes = false;
        var detectorNodes = _count;
        for (var i = _count - 1; i >= 0; i--)
        {
            var node = _nodes[i];
            var parent = node.Parent;
            var traits = node.Traits;
            var kind = node.Kind;
            all |= traits;
            hasBytes |= kind == NodeKind.Bytes;
            if (node.End > i + 1 || !IsInertLeaf(node, traits))
            {
                _detectorNodes[--detectorNodes] = i;
            }

            // Every child was counted before its parent is reached (children come after it in pre-order).
            if (kind == NodeKind.Array)
            {
                maxItems = Math.Max(maxItems, summaries[i].Items);
            }

            if (parent >= 0)
            {
                ref var above = ref summaries[parent];
                above.ChildTraits |= traits;
                above.DescendantTraits |= traits | summaries[i].DescendantTraits;
                above.Items++;
            }
        }

        _allTraits = all;
        _maxArrayItems = maxItems;
        _hasBytes = hasBytes;
        _detectorNodesStart = detectorNodes;

        _traitsVersion = _version;
    }

    /// <summary>Direct children of <paramref name="index"/>.</summary>
    public ChildEnumerable Children(int index) => new(this, index);

    /// <summary>Every node below <paramref name="node"/> (not the node itself), in pre-order.</summary>
    public IEnumerable<DecodedNode> Descendants(DecodedNode node)
    {
        for (var i = node.Index + 1; i < node.End && i < _count; i++)
        {
            yield return _nodes[i];
        }
    }

    /// <summary>Counts one anomaly of <paramref name="kind"/>.</summary>
    public void CountAnomaly(string kind)
    {
        AnomalyTotal++;
        Anomalies[kind] = Anomalies.TryGetValue(kind, out var n) ? n + 1 : 1;
    }

    /// <summary>The full field path of a node, e.g. <c>body:$.data.loc[0].lat</c>.</summary>
    public string PathOf(int index)
    {
        // Built from the root down; each node keeps the path it was last given (see DecodedNode.PathUnder), so a
        // payload shaped like the one before gets its paths back without building them.
        // The node and its ancestors, in a buffer kept by the tree (a stack buffer would keep this loop from being
        // tiered with profile guidance).
        var chain = _pathChain.AsSpan(0, Math.Min(_pathChain.Length, _nodes[index].Depth + 1));
        var n = 0;
        for (var i = index; i >= 0 && n < chain.Length; i = _nodes[i].Parent)
        {
            chain[n++] = i;
        }

        var path = _nodes[chain[n - 1]].Segment;
        for (var k = n - 2; k >= 0; k--)
        {
            path = _nodes[chain[k]].PathUnder(path);
        }

        return path;
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
