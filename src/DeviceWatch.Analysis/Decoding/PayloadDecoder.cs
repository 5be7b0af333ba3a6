using DeviceWatch.Core.Analysis;

namespace DeviceWatch.Analysis.Decoding;

/// <summary>
/// Turns a <see cref="Payload"/> into a <see cref="DecodedTree"/>: URL path segments and query (<c>url:/2</c>,
/// <c>url:?imei</c>), headers (<c>header:X-Device-Id</c>) and cookies (<c>cookie:sid</c>), MQTT topic levels
/// (<c>topic:/1</c>) and the body or MQTT payload (<c>body:$.data.lat</c>, <c>body:#1.3</c>, <c>body:imei</c>).
/// </summary>
internal static class PayloadDecoder
{
    /// <summary>Decodes every readable part of <paramref name="payload"/> within <paramref name="limits"/>.</summary>
    public static DecodedTree Decode(Payload payload, DecoderLimits limits)
    {
        var tree = new DecodedTree(limits);
        Decode(payload, new ContentDecoder(tree));
        return tree;
    }

    /// <summary>Decodes <paramref name="payload"/> into the reused tree of <paramref name="content"/> (reset first).</summary>
    public static void Decode(Payload payload, ContentDecoder content)
    {
        var tree = content.Tree;
        tree.Reset();
        if (!string.IsNullOrEmpty(payload.Url))
        {
            DecodeUrl(content, payload.Url);
        }

        string? contentType = payload.ContentType;
        if (payload.Headers.Count > 0)
        {
            var mqtt = payload.Kind is PayloadKind.MqttPublish or PayloadKind.MqttConnect;
            var headers = -1;
            var all = payload.Headers;
            for (var i = 0; i < all.Count; i++)
            {
                var (name, value) = all[i];
                var role = content.HeaderRoles.Of(name);
                if (role == HeaderRole.ContentType)
                {
                    contentType ??= value;
                }

                if (role == HeaderRole.Cookie)
                {
                    DecodeCookies(content, value);
                    continue;
                }

                // Content-Type is a boring header too: only MQTT user properties of that name are inspected.
                if (!mqtt && role is HeaderRole.Boring or HeaderRole.ContentType || value.Length == 0)
                {
                    continue;
                }

                if (headers < 0)
                {
                    headers = tree.Add(-1, NodeKind.Source, "header:", FieldKey.None, "");
                    if (headers < 0)
                    {
                        break;
                    }
                }

                var h = tree.Add(headers, NodeKind.String, name, name, "", value);
                if (h < 0)
                {
                    break;
                }

                content.ExpandString(h);
                tree.Close(headers);
            }
        }

        if (!string.IsNullOrEmpty(payload.Topic))
        {
            var topic = tree.Add(-1, NodeKind.Source, "topic:", FieldKey.None, "");
            if (topic >= 0)
            {
                var level = 0;
                string? previous = null;
                foreach (var part in payload.Topic.Split('/'))
                {
                    if (part.Length > 0)
                    {
                        var t = tree.Add(topic, NodeKind.String, LevelSegment(level), previous, "", part);
                        if (t < 0)
                        {
                            break;
                        }
                    }

                    previous = part;
                    level++;
                }

                tree.Close(topic);
            }
        }

        if (!payload.Body.IsEmpty)
        {
            var body = tree.Add(-1, NodeKind.Source, "body:", FieldKey.None, "");
            if (body >= 0)
            {
                content.DecodeBlob(body, payload.Body, contentType, "", null, "", payload.BodyTruncated);
                tree.Close(body);
            }
        }
    }

    private static void DecodeUrl(ContentDecoder content, string url)
    {
        var tree = content.Tree;
        var source = tree.Add(-1, NodeKind.Source, "url:", FieldKey.None, "");
        if (source < 0)
        {
            return;
        }

        // Absolute-form targets (proxies) carry scheme and authority first; an origin-form target starts with '/' and
        // keeps a "://" in its query (a redirect parameter) as it is. The target is read as spans: no string is made
        // for the path or the query, only for the leaves.
        var target = url.AsSpan();
        var scheme = target[0] == '/' ? -1 : target.IndexOf("://", StringComparison.Ordinal);
        if (scheme > 0 && scheme < 10)
        {
            var slash = target[(scheme + 3)..].IndexOf('/');
            target = slash < 0 ? "/" : target[(scheme + 3 + slash)..];
        }

        var q = target.IndexOf('?');
        var path = q < 0 ? target : target[..q];
        var fragment = path.IndexOf('#');
        if (fragment >= 0)
        {
            path = path[..fragment];
        }

        var segments = content.PathSegments;
        var index = 0;
        foreach (var segment in segments.Of(path))
        {
            // Each segment's member name is the segment before it.
            var key = index == 0 ? FieldKey.None : segments.KeyOf(index - 1, tree.Keys);
            var s = tree.Add(source, NodeKind.String, LevelSegment(index), key, "", segment);
            if (s < 0)
            {
                break;
            }

            content.ExpandString(s, segment);
            index++;
        }

        if (q >= 0 && q + 1 < target.Length)
        {
            var query = target[(q + 1)..];
            var hash = query.IndexOf('#');
            if (hash >= 0)
            {
                query = query[..hash];
            }

            UrlEncodedDecoder.TryDecodeQuery(content, source, query);
        }

        tree.Close(source);
    }

    private static readonly string[] LevelSegments = Enumerable.Range(0, 32).Select(i => "/" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    private static string LevelSegment(int level) =>
        level < LevelSegments.Length ? LevelSegments[level] : "/" + level.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static void DecodeCookies(ContentDecoder content, string header)
    {
        var tree = content.Tree;
        var source = tree.Add(-1, NodeKind.Source, "cookie:", FieldKey.None, "");
        if (source < 0)
        {
            return;
        }

        foreach (var pair in header.Split(';'))
        {
            var eq = pair.IndexOf('=');
            if (eq <= 0)
            {
                continue;
            }

            var name = pair[..eq].Trim();
            var value = UrlEncodedDecoder.Unescape(pair.AsSpan(eq + 1).Trim().Trim('"'));
            var c = tree.Add(source, NodeKind.String, name, name, "", value);
            if (c < 0)
            {
                break;
            }

            content.ExpandString(c);
        }

        tree.Close(source);
    }
}
