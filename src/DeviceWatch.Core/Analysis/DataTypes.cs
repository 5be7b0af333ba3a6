namespace DeviceWatch.Core.Analysis;

/// <summary>The data types of the public contract.</summary>
public static class DataTypes
{
#pragma warning disable CS1591 // names are the documentation
    public const string LocationGps = "location.gps";
    public const string LocationWifi = "location.wifi";
    public const string LocationCell = "location.cell";
    public const string IdMac = "id.mac";
    public const string IdImei = "id.imei";
    public const string IdImsi = "id.imsi";
    public const string IdIccid = "id.iccid";
    public const string IdSerial = "id.serial";
    public const string IdAndroidId = "id.android_id";
    public const string IdOaid = "id.oaid";
    public const string ContactPhone = "contact.phone";
    public const string ContactEmail = "contact.email";
    public const string ContactList = "contact.list";
    public const string IdentityNationalId = "identity.national_id";
    public const string HealthHeartRate = "health.heart_rate";
    public const string HealthSpo2 = "health.spo2";
    public const string HealthSteps = "health.steps";
    public const string HealthSleep = "health.sleep";
    public const string HealthBloodPressure = "health.blood_pressure";
    public const string HealthTemperature = "health.temperature";
    public const string MediaAudio = "media.audio";
    public const string MediaImage = "media.image";
    public const string MediaVideo = "media.video";
    public const string BiometricFace = "biometric.face";
    public const string BiometricFingerprint = "biometric.fingerprint";
    public const string SensorMotion = "sensor.motion";
    public const string BehaviorAppList = "behavior.app_list";
    public const string Opaque = "opaque";
#pragma warning restore CS1591

    /// <summary>Every data type, in contract order.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        LocationGps, LocationWifi, LocationCell, IdMac, IdImei, IdImsi, IdIccid, IdSerial, IdAndroidId, IdOaid,
        ContactPhone, ContactEmail, ContactList, IdentityNationalId, HealthHeartRate, HealthSpo2, HealthSteps,
        HealthSleep, HealthBloodPressure, HealthTemperature, MediaAudio, MediaImage, MediaVideo, BiometricFace,
        BiometricFingerprint, SensorMotion, BehaviorAppList, Opaque,
    ];

    /// <summary>True when <paramref name="name"/> is a contract data type.</summary>
    public static bool IsKnown(string name) => All.Contains(name, StringComparer.Ordinal);
}
