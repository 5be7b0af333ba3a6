using System.Runtime.CompilerServices;

// The lab end-to-end test drives RunSession in-process (capture opened inside a test network namespace).
[assembly: InternalsVisibleTo("DeviceWatch.EndToEnd.Tests")]
