namespace DeviceWatch.Analysis.Detection;

/// <summary>
/// What a normalized member name means to the detectors, worked out once per distinct name by
/// <see cref="KeyClassifier"/> so that detectors test bits instead of searching word lists for every node.
/// </summary>
[Flags]
internal enum KeyTraits : ulong
{
    /// <summary>Nothing known.</summary>
    None = 0,
    /// <summary>A latitude name (<c>lat</c>, <c>gpsLat</c>, <c>weidu</c>, <c>latE6</c>…).</summary>
    GpsLatitude = 1UL << 0,
    /// <summary>A longitude name.</summary>
    GpsLongitude = 1UL << 1,
    /// <summary>A name for a coordinate pair (<c>location</c>, <c>lnglat</c>, <c>坐标</c>…).</summary>
    GpsPairKey = 1UL << 2,
    /// <summary>Contains <c>loc</c>.</summary>
    ContainsLoc = 1UL << 3,
    /// <summary>A BSSID name in an access-point record.</summary>
    WifiBssidKey = 1UL << 4,
    /// <summary>An SSID or signal name in an access-point record.</summary>
    WifiSignalKey = 1UL << 5,
    /// <summary>Contains <c>bssid</c>.</summary>
    ContainsBssid = 1UL << 6,
    /// <summary>A name for a string of Wi-Fi MACs (contains <c>wifi</c> or <c>bssid</c>, or <c>macs</c>/<c>aps</c>/<c>wlan</c>).</summary>
    WifiTextKey = 1UL << 7,
    /// <summary>LAC/TAC.</summary>
    CellArea = 1UL << 8,
    /// <summary>Cell id.</summary>
    CellId = 1UL << 9,
    /// <summary>MCC.</summary>
    CellMcc = 1UL << 10,
    /// <summary>MNC.</summary>
    CellMnc = 1UL << 11,
    /// <summary>A device MAC name.</summary>
    MacKey = 1UL << 12,
    /// <summary>Contains <c>imsi</c>.</summary>
    ContainsImsi = 1UL << 13,
    /// <summary>Contains <c>imei</c> or <c>meid</c>.</summary>
    ImeiKey = 1UL << 14,
    /// <summary>Contains <c>iccid</c>.</summary>
    ContainsIccid = 1UL << 15,
    /// <summary>Contains <c>androidid</c>, or is <c>ssaid</c>.</summary>
    AndroidIdKey = 1UL << 16,
    /// <summary>Contains <c>oaid</c>.</summary>
    ContainsOaid = 1UL << 17,
    /// <summary>A serial-number name.</summary>
    SerialKey = 1UL << 18,
    /// <summary>Names something that is not personal (times, orders, counters): <see cref="KeyContext.IsNonPersonal"/>.</summary>
    NonPersonal = 1UL << 19,
    /// <summary>An access point's MAC (<c>bssid</c>, <c>apmac</c>…), not the device's.</summary>
    AccessPointMacKey = 1UL << 20,
    /// <summary>A sibling name that makes a MAC an access point's (<c>ssid</c>, <c>rssi</c>…).</summary>
    WifiSiblingKey = 1UL << 21,
    /// <summary>A person's name field.</summary>
    ContactName = 1UL << 22,
    /// <summary>Contains a phone word.</summary>
    PhoneKey = 1UL << 23,
    /// <summary>Heart rate.</summary>
    HeartRate = 1UL << 24,
    /// <summary>SpO2.</summary>
    Spo2 = 1UL << 25,
    /// <summary>Steps.</summary>
    Steps = 1UL << 26,
    /// <summary>Body temperature.</summary>
    BodyTemperature = 1UL << 27,
    /// <summary>A bare temperature name.</summary>
    BareTemperature = 1UL << 28,
    /// <summary>Systolic pressure.</summary>
    Systolic = 1UL << 29,
    /// <summary>Diastolic pressure.</summary>
    Diastolic = 1UL << 30,
    /// <summary>Blood pressure.</summary>
    BloodPressure = 1UL << 31,
    /// <summary>Sleep (not a sleep setting).</summary>
    Sleep = 1UL << 32,
    /// <summary>A face template name.</summary>
    Face = 1UL << 33,
    /// <summary>A fingerprint template name.</summary>
    Fingerprint = 1UL << 34,
    /// <summary>A motion-sensor name.</summary>
    Motion = 1UL << 35,
    /// <summary>An axis name (<c>ax</c>, <c>gy</c>, <c>x</c>…).</summary>
    AxisName = 1UL << 36,
    /// <summary>A package-name field in an app record.</summary>
    PackageKey = 1UL << 37,
    /// <summary>Contains an app/package word.</summary>
    AppKey = 1UL << 38,
}
