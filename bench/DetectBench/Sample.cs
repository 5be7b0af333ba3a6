namespace DetectBench;

/// <summary>One measurement of a workload: CPU seconds (process and thread), bytes allocated and observations, per payload.</summary>
internal sealed record Sample(double CpuSecondsPerPayload, double ThreadSecondsPerPayload, double AllocatedPerPayload, double ObservationsPerPayload);
