using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace DeviceWatch.Proxy.Listening;

/// <summary>
/// The destination a NAT-redirected connection was meant for: <c>SO_ORIGINAL_DST</c> (IPv4, SOL_IP) or
/// <c>IP6T_SO_ORIGINAL_DST</c> (IPv6, SOL_IPV6), both option 80 on Linux. Null when there is no NAT entry.
/// </summary>
internal static class OriginalDestination
{
    private const int SoOriginalDst = 80;
    private const int SolIp = 0;
    private const int SolIpv6 = 41;

    public static IPEndPoint? TryGet(Socket socket)
    {
        if (!OperatingSystem.IsLinux() || socket.LocalEndPoint is not IPEndPoint local)
        {
            return null;
        }

        try
        {
            IPEndPoint original;
            if (local.AddressFamily == AddressFamily.InterNetwork || local.Address.IsIPv4MappedToIPv6)
            {
                Span<byte> address = stackalloc byte[16];
                socket.GetRawSocketOption(SolIp, SoOriginalDst, address);
                original = new IPEndPoint(new IPAddress(address.Slice(4, 4)), BinaryPrimitives.ReadUInt16BigEndian(address[2..]));
            }
            else
            {
                Span<byte> address = stackalloc byte[28];
                socket.GetRawSocketOption(SolIpv6, SoOriginalDst, address);
                original = new IPEndPoint(new IPAddress(address.Slice(8, 16)), BinaryPrimitives.ReadUInt16BigEndian(address[2..]));
            }

            var localV4 = local.Address.IsIPv4MappedToIPv6 ? local.Address.MapToIPv4() : local.Address;
            return original.Port == local.Port && original.Address.Equals(localV4) ? null : original;
        }
        catch (SocketException)
        {
            return null;
        }
    }
}
