using System.Globalization;

namespace DeviceWatch.Capture.Tests.Reading;

/// <summary>PcapNgGolden.tsv (written by make-pcapng-golden.sh from tshark's output): expected packets per file.</summary>
internal static class PcapNgGolden
{
    private static readonly Lazy<IReadOnlyDictionary<string, IReadOnlyList<PcapNgExpectedPacket>>> Files = new(Load);

    public static IReadOnlyDictionary<string, IReadOnlyList<PcapNgExpectedPacket>> All => Files.Value;

    private static IReadOnlyDictionary<string, IReadOnlyList<PcapNgExpectedPacket>> Load()
    {
        var files = new SortedDictionary<string, IReadOnlyList<PcapNgExpectedPacket>>(StringComparer.Ordinal);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(PcapNgCaptures.GoldenFile()))
        {
            var fields = line.Split('\t');
            switch (fields[0])
            {
                case "file":
                    counts[fields[1]] = int.Parse(fields[2], CultureInfo.InvariantCulture);
                    files[fields[1]] = new List<PcapNgExpectedPacket>();
                    break;
                case "packet":
                    ((List<PcapNgExpectedPacket>)files[fields[1]]).Add(new PcapNgExpectedPacket(
                        int.Parse(fields[2], CultureInfo.InvariantCulture),
                        int.Parse(fields[3], CultureInfo.InvariantCulture),
                        fields[4] == "-" ? null : fields[4],
                        int.Parse(fields[5], CultureInfo.InvariantCulture),
                        int.Parse(fields[6], CultureInfo.InvariantCulture),
                        fields[7]));
                    break;
                default:
                    Assert.StartsWith("#", line, StringComparison.Ordinal);
                    break;
            }
        }

        Assert.All(counts, c => Assert.Equal(c.Value, files[c.Key].Count));
        return files;
    }
}
