namespace DeviceWatch.Analysis.Decoding;

/// <summary>
/// Working objects for documents read inside one another (a JSON string holding JSON, XML text holding XML): the
/// document being read borrows the next one and gives it back when done, so each nesting level reuses its own.
/// Bounded by the decoding depth limit.
/// </summary>
/// <typeparam name="T">The working object (frames, an event list).</typeparam>
/// <param name="create">Makes the object of a level met for the first time.</param>
/// <param name="giveBack">Run on an object when it is given back (to empty or shrink it), or null.</param>
internal sealed class NestedLender<T>(Func<T> create, Action<T>? giveBack = null)
    where T : class
{
    private readonly List<T> _items = [];
    private int _lent;

    /// <summary>Lends the object of the next nesting level; <see cref="Return"/> gives it back.</summary>
    public T Rent()
    {
        if (_lent == _items.Count)
        {
            _items.Add(create());
        }

        return _items[_lent++];
    }

    /// <summary>Gives back the object lent last by <see cref="Rent"/>.</summary>
    public void Return()
    {
        // Counted down first: "giveBack?.Invoke(_items[--_lent])" would skip the count with no giveBack.
        var item = _items[--_lent];
        giveBack?.Invoke(item);
    }
}
