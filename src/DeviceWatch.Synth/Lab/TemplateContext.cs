using System.Net;

namespace DeviceWatch.Synth.Lab;

/// <summary>The values a payload template is expanded with for one tick.</summary>
internal sealed record TemplateContext(LabDevice Device, IPAddress Address, int Sequence, DateTime Time, Random Random);
