using DeviceWatch.Dissect.Common;

namespace DeviceWatch.Dissect.Tests.Http;

/// <summary>A connection as a list of in-order payloads, each from one side.</summary>
internal sealed record HttpTranscript(IReadOnlyList<HttpSegment> Segments)
{
    /// <summary>Parses <c>o:BASE64</c> (originator) / <c>r:BASE64</c> (responder) segments.</summary>
    public static HttpTranscript FromBase64(params string[] segments) =>
        new([.. segments.Select(s => new HttpSegment(
            s[0] == 'o' ? FlowDirection.FromOriginator : FlowDirection.FromResponder,
            Convert.FromBase64String(s[2..])))]);

    /// <summary>Builds a transcript from text segments (Latin-1), alternating as given.</summary>
    public static HttpTranscript Text(params (FlowDirection Direction, string Text)[] segments) =>
        new([.. segments.Select(s => new HttpSegment(s.Direction, System.Text.Encoding.Latin1.GetBytes(s.Text)))]);

    /// <summary>Total payload bytes.</summary>
    public int TotalLength => Segments.Sum(s => s.Data.Length);

    /// <summary>The first <paramref name="length"/> payload bytes, as segments.</summary>
    public HttpTranscript Prefix(int length)
    {
        var kept = new List<HttpSegment>();
        foreach (var segment in Segments)
        {
            if (length <= 0)
            {
                break;
            }

            var take = Math.Min(length, segment.Data.Length);
            kept.Add(segment with { Data = segment.Data[..take] });
            length -= take;
        }

        return new HttpTranscript(kept);
    }
}
