using DeviceWatch.Analysis.Observations;
using DeviceWatch.Core.Analysis;

namespace DeviceWatch.Analysis.Tests.Observations;

public sealed class ValueMaskerTests
{
    [Theory]
    [InlineData(DataTypes.LocationGps, "39.904211,116.407395", "39.9xxxxx,116.4xxxxx")]
    [InlineData(DataTypes.LocationGps, "39904211,116407395", "399xxxxx,116xxxxxx")]
    [InlineData(DataTypes.ContactPhone, "13800138000", "1380****000")]
    [InlineData(DataTypes.ContactPhone, "+8613800138000", "+861380****000")]
    [InlineData(DataTypes.ContactEmail, "alice@example.com", "a***@example.com")]
    [InlineData(DataTypes.IdImei, "356938035643809", "3569*********09")]
    [InlineData(DataTypes.IdMac, "3c:22:fb:12:34:56", "3c:22:fb:**:**:**")]
    [InlineData(DataTypes.MediaImage, "<image/jpeg 12345 bytes>", "<image/jpeg 12345 bytes>")]
    [InlineData(DataTypes.HealthBloodPressure, "120/80", "1xx/8x")]
    [InlineData(DataTypes.LocationCell, "460/0/4565/12345", "460/0/xxxx/xxxxx")]
    [InlineData(DataTypes.IdentityNationalId, "11010519491231002X", "110*************2X")]
    public void Mask_KnownTypes_HidesTheMiddle(string type, string value, string expected) =>
        Assert.Equal(expected, ValueMasker.Mask(type, value));

    [Fact]
    public void Mask_Null_Empty() => Assert.Equal("", ValueMasker.Mask(DataTypes.IdImei, null));
}
