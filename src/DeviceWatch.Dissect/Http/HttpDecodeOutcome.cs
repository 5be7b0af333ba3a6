namespace DeviceWatch.Dissect.Http;

/// <summary>Outcome of <see cref="HttpContentDecoder.Decode"/>.</summary>
internal enum HttpDecodeOutcome
{
    /// <summary>No content coding (or only identity): the body is the raw body.</summary>
    NotEncoded,
    /// <summary>A coding the decoder does not know: the raw body is kept.</summary>
    Unsupported,
    /// <summary>Decoded (possibly partially, see the truncated flag).</summary>
    Decoded,
    /// <summary>The bytes are not valid for the coding: the raw body is kept.</summary>
    Failed,
}
