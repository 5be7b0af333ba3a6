using System.Threading.Channels;
using DeviceWatch.Store.Session;

namespace DeviceWatch.Cli.Commands;

/// <summary>
/// Writes batches to the session store on its own thread, so SQLite never stalls the packet pipeline.
/// The queue is bounded (<see cref="Capacity"/> batches); when it is full the pipeline waits (back-pressure):
/// nothing is ever dropped.
/// </summary>
internal sealed class BackgroundStoreWriter : IDisposable
{
    public const int Capacity = 64;
    private readonly Channel<Action<SessionStore>> _queue = Channel.CreateBounded<Action<SessionStore>>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly Thread _thread;
    private Exception? _failure;
    private bool _completed;

    public BackgroundStoreWriter(SessionStore store)
    {
        Store = store;
        _thread = new Thread(Drain) { IsBackground = true, Name = "session-store" };
        _thread.Start();
    }

    public SessionStore Store { get; }

    /// <summary>Queues one batch; waits while the queue is full. After <see cref="Complete"/> it runs at once on the caller's thread.</summary>
    public void Enqueue(Action<SessionStore> batch)
    {
        ThrowIfFailed();
        if (_completed)
        {
            batch(Store);
            return;
        }

        if (!_queue.Writer.TryWrite(batch))
        {
            _queue.Writer.WriteAsync(batch).AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>Writes everything queued, then stops the thread; rethrows a failure of the writer.</summary>
    public void Complete()
    {
        _queue.Writer.TryComplete();
        _thread.Join();
        _completed = true;
        ThrowIfFailed();
    }

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _thread.Join();
    }

    private void Drain()
    {
        try
        {
            while (_queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
            {
                while (_queue.Reader.TryRead(out var batch))
                {
                    batch(Store);
                }
            }
        }
        catch (Exception ex)
        {
            _failure = ex;
            _queue.Writer.TryComplete(ex);
        }
    }

    private void ThrowIfFailed()
    {
        if (_failure is not null)
        {
            throw new IOException("writing session.db failed: " + _failure.Message, _failure);
        }
    }
}
