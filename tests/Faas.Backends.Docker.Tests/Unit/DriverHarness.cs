using System.Text;
using Faas.Backends.Docker.Pool;
using Faas.Platform;
using Faas.Platform.Policies;
using Faas.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Faas.Backends.Docker.Tests.Unit;

/// <summary>A pool driver on a fake engine and a fake clock, with one runtime and one function registered.</summary>
public sealed class DriverHarness : IAsyncDisposable
{
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    public FakeContainerEngine Engine { get; } = new();
    public CollectingObserver Observer { get; } = new();
    public PoolDriver Driver { get; private set; } = null!;
    public int Function { get; private set; }

    public static readonly byte[] Args = Encoding.UTF8.GetBytes("""{"value":{}}""");

    public static async Task<DriverHarness> StartAsync(Func<PlatformSpec, IPoolPolicy> policy, PoolDriverOptions? options = null, Action<DriverHarness>? configure = null)
    {
        var h = new DriverHarness();
        configure?.Invoke(h);
        h.Driver = new PoolDriver(h.Engine, policy, options ?? PoolDriverOptions.Default with { DrainTimeout = TimeSpan.FromMilliseconds(200) }, h.Time, h.Observer);
        h.Driver.Start([new RuntimeInfo("python", "faas-runtime-python", 128L << 20)]);
        h.Function = await h.Driver.RegisterFunctionAsync(new FunctionInfo("f", 1, 0, Encoding.UTF8.GetBytes("""{"value":{"code":"x"}}""")));
        return h;
    }

    public static Func<PlatformSpec, IPoolPolicy> KeepAlive(TimeSpan ttl) => s => new KeepAlivePolicy(s, new KeepAliveOptions(Faas.Engine.SimDuration.FromMicros(ttl.Ticks / 10)));

    public static Func<PlatformSpec, IPoolPolicy> Prewarm(int min, int max) => s => new PrewarmPoolPolicy(s, PrewarmPoolOptions.Default with { Min = min, Max = max });

    public Task<InvocationResult> Invoke() => Driver.InvokeAsync(Function, Args);

    /// <summary>Waits (real time, briefly) until <paramref name="condition"/> holds: the driver's loop runs on the thread pool.</summary>
    public static async Task Eventually(Func<bool> condition, string what)
    {
        for (int i = 0; i < 500; i++)
        {
            if (condition()) return;
            await Task.Delay(10);
        }
        Assert.Fail("timed out waiting for: " + what);
    }

    public async Task<PoolSnapshot> Snapshot() => await Driver.SnapshotAsync();

    public async ValueTask DisposeAsync() => await Driver.DisposeAsync();
}
