namespace DeviceWatch.Analysis.Detection;

/// <summary>Recognises image, audio and video content by magic bytes and checks the structure that follows them.</summary>
internal static class MediaSignature
{
    // The first bytes of the signatures Sniff knows: JPEG and ADTS 0xFF, PNG 0x89, GIF 'G', RIFF 'R', Ogg 'O', AMR '#',
    // FLAC 'f', ID3 'I', WebM 0x1A, Annex B start codes 0x00.
    private static readonly bool[] MayStartSignature = Enumerable.Range(0, 256)
        .Select(b => b is 0xFF or 0x89 or 'G' or 'R' or 'O' or '#' or 'f' or 'I' or 0x1A or 0x00).ToArray();

    /// <summary>The media type of <paramref name="s"/> (e.g. <c>image/jpeg</c>), or null when it is not media.</summary>
    public static string? Sniff(ReadOnlySpan<byte> s)
    {
        if (s.Length < 8)
        {
            return null;
        }

        // Every signature below starts with one of a few bytes, except the ISO box ("ftyp" at offset 4): anything else is
        // rejected with one table lookup (most bodies are text, protobuf or random bytes).
        if (!MayStartSignature[s[0]] && !s.Slice(4, 4).SequenceEqual("ftyp"u8))
        {
            return null;
        }

        if (s[0] == 0xFF && s[1] == 0xD8 && s[2] == 0xFF)
        {
            return "image/jpeg";
        }

        if (s.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return "image/png";
        }

        if (s.StartsWith("GIF87a"u8) || s.StartsWith("GIF89a"u8))
        {
            return "image/gif";
        }

        if (s.Length >= 12 && s.StartsWith("RIFF"u8))
        {
            var form = s.Slice(8, 4);
            if (form.SequenceEqual("WAVE"u8))
            {
                return "audio/wav";
            }

            if (form.SequenceEqual("WEBP"u8))
            {
                return "image/webp";
            }

            if (form.SequenceEqual("AVI "u8))
            {
                return "video/x-msvideo";
            }

            return null;
        }

        if (s.Length >= 12 && s.Slice(4, 4).SequenceEqual("ftyp"u8))
        {
            var size = (s[0] << 24) | (s[1] << 16) | (s[2] << 8) | s[3];
            if (size < 8 || size > 512)
            {
                return null;
            }

            var brand = s.Slice(8, 4);
            if (brand.SequenceEqual("M4A "u8) || brand.SequenceEqual("M4B "u8))
            {
                return "audio/mp4";
            }

            if (brand.SequenceEqual("heic"u8) || brand.SequenceEqual("heix"u8) || brand.SequenceEqual("mif1"u8))
            {
                return "image/heic";
            }

            return "video/mp4";
        }

        if (s.StartsWith("OggS"u8) && s.Length >= 27 && s[4] == 0)
        {
            var head = s[..Math.Min(s.Length, 96)];
            if (head.IndexOf("theora"u8) >= 0)
            {
                return "video/ogg";
            }

            return head.IndexOf("OpusHead"u8) >= 0 ? "audio/opus" : "audio/ogg";
        }

        if (s.StartsWith("#!AMR-WB\n"u8))
        {
            return "audio/amr-wb";
        }

        if (s.StartsWith("#!AMR\n"u8))
        {
            return "audio/amr";
        }

        if (s.StartsWith("fLaC"u8))
        {
            return "audio/flac";
        }

        if (s.StartsWith("ID3"u8) && s[3] is 2 or 3 or 4)
        {
            return "audio/mpeg";
        }

        if (s.StartsWith((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3]))
        {
            return "video/webm";
        }

        if (IsAdts(s))
        {
            return "audio/aac";
        }

        return AnnexBVideo(s);
    }

    /// <summary>True for <c>image/*</c>, <c>audio/*</c> and <c>video/*</c> content types.</summary>
    public static bool IsMediaType(string contentType) =>
        contentType.StartsWith("image/", StringComparison.OrdinalIgnoreCase)
        || contentType.StartsWith("audio/", StringComparison.OrdinalIgnoreCase)
        || contentType.StartsWith("video/", StringComparison.OrdinalIgnoreCase);

    /// <summary>The data type (media.image, media.audio, media.video) of a media content type, or null.</summary>
    public static string? DataTypeOf(string? contentType)
    {
        if (contentType is null)
        {
            return null;
        }

        if (contentType.StartsWith("image/", StringComparison.OrdinalIgnoreCase))
        {
            return Core.Analysis.DataTypes.MediaImage;
        }

        if (contentType.StartsWith("audio/", StringComparison.OrdinalIgnoreCase))
        {
            return Core.Analysis.DataTypes.MediaAudio;
        }

        return contentType.StartsWith("video/", StringComparison.OrdinalIgnoreCase) ? Core.Analysis.DataTypes.MediaVideo : null;
    }

    // ADTS (ISO 14496-3 1.A.2): 12-bit sync, layer 00, valid sampling index, frame length >= header, next frame syncs.
    private static bool IsAdts(ReadOnlySpan<byte> s)
    {
        if (s[0] != 0xFF || (s[1] & 0xF6) != 0xF0)
        {
            return false;
        }

        var sampling = (s[2] >> 2) & 0x0F;
        if (sampling > 12)
        {
            return false;
        }

        var frameLength = ((s[3] & 0x03) << 11) | (s[4] << 3) | (s[5] >> 5);
        if (frameLength < 7)
        {
            return false;
        }

        if (frameLength == s.Length)
        {
            return true;
        }

        return frameLength + 2 <= s.Length && s[frameLength] == 0xFF && (s[frameLength + 1] & 0xF6) == 0xF0;
    }

    // H.264 / H.265 Annex B: start code, then a NAL header with forbidden bit clear and a type that can begin a stream.
    private static string? AnnexBVideo(ReadOnlySpan<byte> s)
    {
        int header;
        if (s[0] == 0 && s[1] == 0 && s[2] == 0 && s[3] == 1)
        {
            header = 4;
        }
        else if (s[0] == 0 && s[1] == 0 && s[2] == 1)
        {
            header = 3;
        }
        else
        {
            return null;
        }

        var nal = s[header];
        if ((nal & 0x80) != 0 || s.Length < 16)
        {
            return null;
        }

        // H.265 VPS/SPS/PPS/AUD: type (nal >> 1) & 0x3f in 32..35, layer id 0, temporal id >= 1.
        var hevcType = (nal >> 1) & 0x3F;
        if (hevcType is >= 32 and <= 35 && (nal & 1) == 0 && (s[header + 1] & 0x07) >= 1 && (s[header + 1] >> 3) == 0)
        {
            return "video/h265";
        }

        var type = nal & 0x1F;
        var refIdc = (nal >> 5) & 0x03;
        var ok = type switch
        {
            7 or 8 or 5 => refIdc != 0,
            9 or 6 => refIdc == 0,
            1 => true,
            _ => false,
        };
        return ok ? "video/h264" : null;
    }
}
