namespace DeviceWatch.Analysis.Detection;

/// <summary>One searchable form of a known value.</summary>
/// <param name="DataType">Data type the value belongs to.</param>
/// <param name="Original">The known value as configured.</param>
/// <param name="Text">The form searched for, e.g. the MD5 hex of the lower-case value.</param>
/// <param name="Form">Name of the form, e.g. <c>plain</c>, <c>nosep(lower)</c>, <c>base64</c>, <c>md5(lower)</c>.</param>
internal sealed record KnownValueNeedle(string DataType, string Original, string Text, string Form);
