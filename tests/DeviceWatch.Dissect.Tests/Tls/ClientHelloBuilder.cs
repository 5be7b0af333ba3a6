using System.Text;

namespace DeviceWatch.Dissect.Tests.Tls;

/// <summary>Builds ClientHello records from field values, to reproduce published JA3/JA4 reference vectors.</summary>
internal static class ClientHelloBuilder
{
    public static byte[] Record(ushort legacyVersion, IEnumerable<ushort> ciphers, IEnumerable<(ushort Type, byte[] Data)> extensions)
    {
        var body = new List<byte>();
        AddU16(body, legacyVersion);
        body.AddRange(Enumerable.Range(0, 32).Select(i => (byte)i));
        body.Add(0); // session id
        var cipherBytes = U16s(ciphers);
        AddU16(body, (ushort)cipherBytes.Length);
        body.AddRange(cipherBytes);
        body.Add(1);
        body.Add(0); // compression: null
        var ext = new List<byte>();
        foreach (var (type, data) in extensions)
        {
            AddU16(ext, type);
            AddU16(ext, (ushort)data.Length);
            ext.AddRange(data);
        }
        AddU16(body, (ushort)ext.Count);
        body.AddRange(ext);

        var record = new List<byte> { 22, 3, 1 };
        AddU16(record, (ushort)(body.Count + 4));
        record.Add(1);
        record.Add((byte)(body.Count >> 16));
        record.Add((byte)(body.Count >> 8));
        record.Add((byte)body.Count);
        record.AddRange(body);
        return record.ToArray();
    }

    public static (ushort, byte[]) Sni(string host)
    {
        var name = Encoding.ASCII.GetBytes(host);
        var entry = new List<byte> { 0 };
        AddU16(entry, (ushort)name.Length);
        entry.AddRange(name);
        return (0x0000, Vector16(entry.ToArray()));
    }

    public static (ushort, byte[]) Alpn(params byte[][] protocols)
    {
        var list = new List<byte>();
        foreach (var p in protocols)
        {
            list.Add((byte)p.Length);
            list.AddRange(p);
        }
        return (0x0010, Vector16(list.ToArray()));
    }

    public static (ushort, byte[]) Alpn(params string[] protocols) =>
        Alpn(protocols.Select(p => Encoding.ASCII.GetBytes(p)).ToArray());

    public static (ushort, byte[]) Groups(params ushort[] groups) => (0x000a, Vector16(U16s(groups)));

    public static (ushort, byte[]) PointFormats(params byte[] formats) => (0x000b, [(byte)formats.Length, .. formats]);

    public static (ushort, byte[]) SignatureAlgorithms(params ushort[] algorithms) => (0x000d, Vector16(U16s(algorithms)));

    public static (ushort, byte[]) SupportedVersions(params ushort[] versions)
    {
        var list = U16s(versions);
        return (0x002b, [(byte)list.Length, .. list]);
    }

    public static (ushort, byte[]) Empty(ushort type) => (type, []);

    private static byte[] Vector16(byte[] data) => [(byte)(data.Length >> 8), (byte)data.Length, .. data];

    private static byte[] U16s(IEnumerable<ushort> values) => values.SelectMany(v => new[] { (byte)(v >> 8), (byte)v }).ToArray();

    private static void AddU16(List<byte> into, ushort value)
    {
        into.Add((byte)(value >> 8));
        into.Add((byte)value);
    }
}
