using System.Text;
using DeviceWatch.Core.Analysis;

namespace DeviceWatch.Analysis.Observations;

/// <summary>
/// Masks personal values for outputs: coordinates keep the integer part and one decimal (<c>39.9xxxxx</c>),
/// phones keep the first 4 and last 3 digits (<c>1380****000</c>), e-mail keeps the first letter and the domain
/// (<c>a***@example.com</c>), MACs keep the OUI, IMEI and other identifiers keep the first 4 and last 2
/// characters, media and structure summaries (<c>&lt;image/jpeg 12345 bytes&gt;</c>) are kept as they are.
/// </summary>
public static class ValueMasker
{
    /// <summary>The masked form of <paramref name="value"/> of <paramref name="dataType"/>.</summary>
    public static string Mask(string dataType, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (value[0] == '<' && value[^1] == '>')
        {
            return value;
        }

        return dataType switch
        {
            DataTypes.LocationGps => MaskCoordinates(value),
            DataTypes.ContactPhone => MaskPhone(value),
            DataTypes.ContactEmail => MaskEmail(value),
            DataTypes.IdMac => MaskMacList(value),
            DataTypes.LocationWifi => MaskMacList(value),
            DataTypes.LocationCell => MaskCell(value),
            DataTypes.ContactList => "<" + (value.Count(c => c == ';') + 1) + " contacts>",
            DataTypes.BehaviorAppList => value,
            DataTypes.IdentityNationalId => KeepEnds(value, 3, 2),
            DataTypes.HealthHeartRate or DataTypes.HealthSpo2 or DataTypes.HealthSteps or DataTypes.HealthSleep
                or DataTypes.HealthBloodPressure or DataTypes.HealthTemperature => MaskDigits(value),
            _ => KeepEnds(value, 4, 2),
        };
    }

    private static string MaskCoordinates(string value)
    {
        var sb = new StringBuilder(value.Length);
        var afterDot = -1;
        var digitsInNumber = 0;
        foreach (var c in value)
        {
            if (char.IsAsciiDigit(c))
            {
                digitsInNumber++;
                if (afterDot >= 0)
                {
                    afterDot++;
                    sb.Append(afterDot <= 1 ? c : 'x');
                }
                else
                {
                    // Integer-scaled forms (39904211): keep at most 3 leading digits.
                    sb.Append(digitsInNumber <= 3 || !IsScaled(value) ? c : 'x');
                }

                continue;
            }

            if (c == '.')
            {
                afterDot = 0;
            }
            else
            {
                afterDot = -1;
                digitsInNumber = 0;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    private static bool IsScaled(string value) => !value.Contains('.');

    private static string MaskPhone(string value)
    {
        var digits = value.Count(char.IsAsciiDigit);
        var national = Math.Max(0, digits - 11);
        var sb = new StringBuilder(value.Length);
        var i = 0;
        foreach (var c in value)
        {
            if (!char.IsAsciiDigit(c))
            {
                sb.Append(c);
                continue;
            }

            var n = i - national;
            sb.Append(n < 4 || n >= 8 ? c : '*');
            i++;
        }

        return sb.ToString();
    }

    private static string MaskEmail(string value)
    {
        var at = value.IndexOf('@');
        return at <= 0 ? KeepEnds(value, 1, 0) : value[0] + "***" + value[at..];
    }

    private static string MaskMacList(string value)
    {
        var sb = new StringBuilder(value.Length);
        var hexInMac = 0;
        foreach (var c in value)
        {
            if (char.IsAsciiHexDigit(c))
            {
                hexInMac++;
                sb.Append(hexInMac <= 6 ? c : '*');
            }
            else
            {
                if (c is not (':' or '-'))
                {
                    hexInMac = 0;
                }

                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    private static string MaskCell(string value)
    {
        var parts = value.Split('/');
        for (var i = 2; i < parts.Length; i++)
        {
            parts[i] = new string('x', parts[i].Length);
        }

        return string.Join('/', parts);
    }

    private static string MaskDigits(string value)
    {
        var sb = new StringBuilder(value.Length);
        var first = true;
        foreach (var c in value)
        {
            if (char.IsAsciiDigit(c))
            {
                sb.Append(first ? c : 'x');
                first = false;
            }
            else
            {
                first = c is '/' or ',';
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    private static string KeepEnds(string value, int head, int tail)
    {
        if (value.Length <= head + tail + 2)
        {
            return value.Length <= 2 ? new string('*', value.Length) : value[0] + new string('*', value.Length - 1);
        }

        return value[..head] + new string('*', value.Length - head - tail) + value[^tail..];
    }
}
