namespace DeviceWatch.Analysis.Aggregation;

/// <summary>Interns repeated strings (flow uids, field paths) so a series stores small integers.</summary>
internal sealed class StringTable
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<string> _values = [];

    public int Intern(string value)
    {
        if (!_ids.TryGetValue(value, out var id))
        {
            id = _values.Count;
            _values.Add(value);
            _ids.Add(value, id);
        }

        return id;
    }

    public string this[int id] => _values[id];
}
