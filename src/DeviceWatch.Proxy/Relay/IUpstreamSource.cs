namespace DeviceWatch.Proxy.Relay;

/// <summary>Gives the HTTP relay the upstream connection for a request (reusing one while it stays open).</summary>
internal interface IUpstreamSource : IAsyncDisposable
{
    /// <summary>The link for <paramref name="request"/>, or the failure to answer the client with.</summary>
    ValueTask<(UpstreamLink? Link, UpstreamFailure? Failure)> OpenAsync(HttpHead request, CancellationToken cancellationToken);
}
