namespace DeviceWatch.Analysis.Aggregation;

/// <summary>Masks personal values for outputs: keeps at most the first two and last two characters.</summary>
public static class ValueMask
{
    /// <summary>The masked form of <paramref name="value"/>.</summary>
    public static string Mask(string value)
    {
        if (value.Length <= 6)
        {
            return new string('*', Math.Max(value.Length, 4));
        }

        var hidden = Math.Min(value.Length - 4, 8);
        return string.Concat(value.AsSpan(0, 2), new string('*', hidden), value.AsSpan(value.Length - 2));
    }
}
