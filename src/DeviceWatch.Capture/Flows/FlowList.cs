namespace DeviceWatch.Capture.Flows;

/// <summary>An intrusive doubly linked list of flows (links live in <see cref="Flow"/>), oldest activity first.</summary>
internal sealed class FlowList
{
    private Flow? _last;

    public Flow? First { get; private set; }

    public void AddLast(Flow flow)
    {
        flow.Next = null;
        flow.Previous = _last;
        if (_last is null)
        {
            First = flow;
        }
        else
        {
            _last.Next = flow;
        }

        _last = flow;
    }

    public void Remove(Flow flow)
    {
        if (flow.Previous is null)
        {
            if (First == flow)
            {
                First = flow.Next;
            }
        }
        else
        {
            flow.Previous.Next = flow.Next;
        }

        if (flow.Next is null)
        {
            if (_last == flow)
            {
                _last = flow.Previous;
            }
        }
        else
        {
            flow.Next.Previous = flow.Previous;
        }

        flow.Previous = null;
        flow.Next = null;
    }
}
