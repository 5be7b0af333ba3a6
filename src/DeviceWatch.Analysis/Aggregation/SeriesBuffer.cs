using DeviceWatch.Core.Analysis;

namespace DeviceWatch.Analysis.Aggregation;

/// <summary>
/// The observations of one device × data type × destination, kept compactly: per observation a tick count
/// (8 bytes), interned uid and field ids (4 + 4), precision (4) and transport (1) — about 21 bytes, so a
/// 24-hour session with a million observations needs about 21 MB. Values are not kept (only the first, for a
/// masked example).
/// </summary>
internal sealed class SeriesBuffer
{
    private long[] _ticks = new long[16];
    private int[] _uids = new int[16];
    private int[] _fields = new int[16];
    private float[] _precision = new float[16];
    private byte[] _transport = new byte[16];

    public SeriesBuffer(string dataType, string destination)
    {
        DataType = dataType;
        Destination = destination;
    }

    public string DataType { get; }
    public string Destination { get; }
    public int Count { get; private set; }
    public string? FirstValue { get; private set; }
    public ReadOnlySpan<long> Ticks => _ticks.AsSpan(0, Count);

    public long Tick(int i) => _ticks[i];
    public int UidId(int i) => _uids[i];
    public int FieldId(int i) => _fields[i];
    public float Precision(int i) => _precision[i];
    public byte Transport(int i) => _transport[i];

    public void Add(Observation observation, StringTable strings)
    {
        Add(observation.Ts.Ticks, strings.Intern(observation.Uid), strings.Intern(observation.Field),
            observation.PrecisionM is { } p ? (float)p : float.NaN, TransportCodes.Encode(observation.Transport));
        FirstValue ??= observation.Value;
    }

    public void AddFrom(SeriesBuffer other)
    {
        for (var i = 0; i < other.Count; i++)
        {
            Add(other._ticks[i], other._uids[i], other._fields[i], other._precision[i], other._transport[i]);
        }

        FirstValue ??= other.FirstValue;
    }

    private void Add(long ticks, int uid, int field, float precision, byte transport)
    {
        if (Count == _ticks.Length)
        {
            var size = Count * 2;
            Array.Resize(ref _ticks, size);
            Array.Resize(ref _uids, size);
            Array.Resize(ref _fields, size);
            Array.Resize(ref _precision, size);
            Array.Resize(ref _transport, size);
        }

        _ticks[Count] = ticks;
        _uids[Count] = uid;
        _fields[Count] = field;
        _precision[Count] = precision;
        _transport[Count] = transport;
        Count++;
    }

    /// <summary>
    /// Sorts by time, then uid, then field (ordinal), so results do not depend on arrival order.
    /// </summary>
    public void Sort(StringTable strings)
    {
        var sorted = true;
        for (var i = 1; i < Count && sorted; i++)
        {
            sorted = _ticks[i] >= _ticks[i - 1];
        }

        var ties = false;
        for (var i = 1; i < Count && sorted && !ties; i++)
        {
            ties = _ticks[i] == _ticks[i - 1];
        }

        if (sorted && !ties)
        {
            return;
        }

        var order = new int[Count];
        for (var i = 0; i < Count; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) =>
        {
            var c = _ticks[a].CompareTo(_ticks[b]);
            if (c == 0)
            {
                c = string.CompareOrdinal(strings[_uids[a]], strings[_uids[b]]);
            }

            if (c == 0)
            {
                c = string.CompareOrdinal(strings[_fields[a]], strings[_fields[b]]);
            }

            if (c == 0)
            {
                c = _precision[a].CompareTo(_precision[b]);
            }

            return c == 0 ? _transport[a].CompareTo(_transport[b]) : c;
        });
        _ticks = Permute(_ticks, order);
        _uids = Permute(_uids, order);
        _fields = Permute(_fields, order);
        _precision = Permute(_precision, order);
        _transport = Permute(_transport, order);
    }

    private static T[] Permute<T>(T[] source, int[] order)
    {
        var result = new T[Math.Max(order.Length, 1)];
        for (var i = 0; i < order.Length; i++)
        {
            result[i] = source[order[i]];
        }

        return result;
    }
}
