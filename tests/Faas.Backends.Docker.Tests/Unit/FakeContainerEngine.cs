using System.Collections.Concurrent;
using System.Text;
using Faas.Backends.Docker.Engine;

namespace Faas.Backends.Docker.Tests.Unit;

/// <summary>
/// An in-memory <see cref="IContainerEngine"/>: starts complete when the test says so (or at once),
/// agents answer with what the test scripts. Records every operation for assertions.
/// </summary>
public sealed class FakeContainerEngine : IContainerEngine
{
    private int _seq;
    private int _startsInFlight;
    private readonly ConcurrentQueue<TaskCompletionSource<bool>> _pendingStarts = new();

    /// <summary>When true, a start waits until <see cref="CompleteStart"/> (true: ready, false: failed).</summary>
    public bool ManualStarts { get; set; }

    /// <summary>What /run answers (default 200 {"ok":true}); may block or throw.</summary>
    public Func<FakeContainer, CancellationToken, Task<AgentReply>> Run { get; set; } = (_, _) => Task.FromResult(new AgentReply(200, """{"ok":true}"""));

    /// <summary>What /init answers (default 200).</summary>
    public Func<FakeContainer, Task<AgentReply>> Init { get; set; } = _ => Task.FromResult(new AgentReply(200, """{"ok":true}"""));

    /// <summary>What a container's diagnosis finds after a transport failure.</summary>
    public ContainerExit Exit { get; set; } = new(true, 137, false);

    public ConcurrentQueue<FakeContainer> Started { get; } = new();
    public ConcurrentQueue<string> Removed { get; } = new();
    public ConcurrentQueue<string> Killed { get; } = new();
    public int StartCalls => Volatile.Read(ref _seq);
    public int MaxStartsInFlight { get; private set; }
    public int PendingStarts => _pendingStarts.Count;

    public Task<string?> ImageIdAsync(string image, CancellationToken cancel) => Task.FromResult<string?>("sha256:fake");

    public async Task<IContainer> StartAsync(ContainerSpec spec, CancellationToken cancel)
    {
        int id = Interlocked.Increment(ref _seq);
        int inFlight = Interlocked.Increment(ref _startsInFlight);
        lock (this) MaxStartsInFlight = Math.Max(MaxStartsInFlight, inFlight);
        try
        {
            if (ManualStarts)
            {
                var gate = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                _pendingStarts.Enqueue(gate);
                if (!await gate.Task.WaitAsync(cancel)) throw new ContainerStartException($"fake start {id} failed");
            }
            var c = new FakeContainer(this, $"fake{id}", spec);
            Started.Enqueue(c);
            return c;
        }
        finally
        {
            Interlocked.Decrement(ref _startsInFlight);
        }
    }

    /// <summary>Completes the oldest pending start; false when none is pending.</summary>
    public bool CompleteStart(bool ok = true) => _pendingStarts.TryDequeue(out var gate) && gate.TrySetResult(ok);

    public Task RemoveAsync(IContainer container, CancellationToken cancel)
    {
        Removed.Enqueue(container.Id);
        return Task.CompletedTask;
    }

    public Task<int> RemoveLeftoversAsync(CancellationToken cancel) => Task.FromResult(0);

    public Task<int> RemoveAllOwnAsync(CancellationToken cancel) => Task.FromResult(0);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>Containers started and not removed.</summary>
    public IReadOnlyList<string> Live => Started.Select(c => c.Id).Except(Removed).ToList();

    public sealed class FakeContainer(FakeContainerEngine engine, string id, ContainerSpec spec) : IContainer
    {
        public string Id { get; } = id;
        public ContainerSpec Spec { get; } = spec;
        public ConcurrentQueue<string> Inits { get; } = new();
        public ConcurrentQueue<string> Runs { get; } = new();

        public Task<AgentReply> InitAsync(ReadOnlyMemory<byte> body, CancellationToken cancel)
        {
            Inits.Enqueue(Encoding.UTF8.GetString(body.Span));
            return engine.Init(this);
        }

        public Task<AgentReply> RunAsync(ReadOnlyMemory<byte> body, CancellationToken cancel)
        {
            Runs.Enqueue(Encoding.UTF8.GetString(body.Span));
            return engine.Run(this, cancel);
        }

        public Task KillAsync(CancellationToken cancel)
        {
            engine.Killed.Enqueue(Id);
            return Task.CompletedTask;
        }

        public Task<ContainerExit> DiagnoseAsync(TimeSpan wait, CancellationToken cancel) => Task.FromResult(engine.Exit);
    }
}
