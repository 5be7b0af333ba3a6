namespace DeviceWatch.Capture.Flows;

/// <summary>
/// Live flows by canonical 5-tuple, bounded by <see cref="FlowTableOptions.MaxFlows"/>. Each timeout class
/// keeps an intrusive LRU list ordered by last activity, so expiry and eviction are O(1) per flow.
/// </summary>
internal sealed class FlowTable
{
    private readonly Dictionary<FlowKey, Flow> _flows = new();
    private readonly FlowList[] _lists = [new(), new(), new()];
    private readonly FlowTableOptions _options;

    public FlowTable(FlowTableOptions options) => _options = options;

    public int Count => _flows.Count;

    /// <summary>Flows evicted because the table was full.</summary>
    public long Evicted { get; private set; }

    public bool TryGet(in FlowKey key, out Flow flow) => _flows.TryGetValue(key, out flow!);

    /// <summary>Adds a new flow; when the table is full, first evicts the least recently active flow through <paramref name="onEvicted"/>.</summary>
    public void Add(Flow flow, Action<Flow> onEvicted)
    {
        if (_flows.Count >= _options.MaxFlows)
        {
            var oldest = OldestOverall();
            if (oldest is not null)
            {
                Remove(oldest);
                Evicted++;
                onEvicted(oldest);
            }
        }

        _flows.Add(flow.Key, flow);
        flow.TimeoutClass = ClassOf(flow);
        _lists[(int)flow.TimeoutClass].AddLast(flow);
    }

    /// <summary>Marks activity: moves the flow to the tail of its (possibly new) timeout list.</summary>
    public void Touch(Flow flow)
    {
        var list = _lists[(int)flow.TimeoutClass];
        list.Remove(flow);
        flow.TimeoutClass = ClassOf(flow);
        _lists[(int)flow.TimeoutClass].AddLast(flow);
    }

    /// <summary>Removes every flow idle for longer than its timeout at time <paramref name="now"/>.</summary>
    public void Expire(DateTime now, Action<Flow> onExpired)
    {
        for (var i = 0; i < _lists.Length; i++)
        {
            var timeout = TimeoutOf((FlowTimeoutClass)i);
            while (_lists[i].First is { } head && now - head.LastSeen > timeout)
            {
                Remove(head);
                onExpired(head);
            }
        }
    }

    /// <summary>Removes every flow (end of input), oldest first.</summary>
    public void Drain(Action<Flow> onEnded)
    {
        while (OldestOverall() is { } flow)
        {
            Remove(flow);
            onEnded(flow);
        }
    }

    private void Remove(Flow flow)
    {
        _lists[(int)flow.TimeoutClass].Remove(flow);
        _flows.Remove(flow.Key);
    }

    private Flow? OldestOverall()
    {
        Flow? oldest = null;
        foreach (var list in _lists)
        {
            if (list.First is { } head && (oldest is null || head.LastSeen < oldest.LastSeen))
            {
                oldest = head;
            }
        }

        return oldest;
    }

    private static FlowTimeoutClass ClassOf(Flow flow) =>
        flow.Protocol != 6 ? FlowTimeoutClass.Datagram : flow.Closed ? FlowTimeoutClass.TcpClosed : FlowTimeoutClass.TcpOpen;

    private TimeSpan TimeoutOf(FlowTimeoutClass timeoutClass) => timeoutClass switch
    {
        FlowTimeoutClass.TcpOpen => _options.TcpIdleTimeout,
        FlowTimeoutClass.TcpClosed => _options.TcpClosedLinger,
        _ => _options.DatagramIdleTimeout,
    };
}
