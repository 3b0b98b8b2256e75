using Faas.Backends.Docker.Engine;
using Faas.Backends.Docker.Pool;
using Faas.Platform;
using Faas.Platform.Models;
using Faas.Platform.Policies;
using Faas.Platform.Results;

namespace Faas.Backends.Docker.Tests.Unit;

/// <summary>The driver's logic on a fake engine and a fake clock: no Docker, no waiting for real time.</summary>
public sealed class PoolDriverTests
{
    [Fact]
    public async Task A_cold_start_measures_startup_on_the_drivers_clock()
    {
        await using var h = await DriverHarness.StartAsync(DriverHarness.KeepAlive(TimeSpan.FromMinutes(10)), configure: x => x.Engine.ManualStarts = true);
        var call = h.Invoke();
        await DriverHarness.Eventually(() => h.Engine.PendingStarts == 1, "the cold start is issued");
        h.Time.Advance(TimeSpan.FromMilliseconds(800));
        h.Engine.CompleteStart();
        var r = await call;
        Assert.True(r.Ok);
        Assert.Equal(StartType.Cold, r.StartType);
        Assert.Equal(800, r.Timings.StartupMs);
        Assert.Equal(800, r.Timings.TotalMs);
        Assert.Single(h.Engine.Started.Single().Inits);
    }

    [Fact]
    public async Task Keep_alive_reuses_the_container_warm_without_injecting_again()
    {
        await using var h = await DriverHarness.StartAsync(DriverHarness.KeepAlive(TimeSpan.FromMinutes(10)));
        var first = await h.Invoke();
        var second = await h.Invoke();
        var third = await h.Invoke();
        Assert.Equal(StartType.Cold, first.StartType);
        Assert.Equal(StartType.Warm, second.StartType);
        Assert.Equal(StartType.Warm, third.StartType);
        var c = Assert.Single(h.Engine.Started);
        Assert.Single(c.Inits);
        Assert.Equal(3, c.Runs.Count);
        Assert.Equal(first.ContainerId, third.ContainerId);
    }

    [Fact]
    public async Task Keep_alive_removes_an_idle_container_when_its_ttl_passes_on_the_fake_clock()
    {
        await using var h = await DriverHarness.StartAsync(DriverHarness.KeepAlive(TimeSpan.FromSeconds(30)));
        var r = await h.Invoke();
        await h.Snapshot(); // the completion (which arms the ttl timer) is handled before this
        h.Time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(1, (await h.Snapshot()).Runtimes[0].Idle);
        h.Time.Advance(TimeSpan.FromSeconds(2));
        await DriverHarness.Eventually(() => h.Engine.Removed.Contains(r.ContainerId!), "the expired container is removed");
        Assert.Equal(0, (await h.Snapshot()).Runtimes[0].Idle);
        Assert.Equal(StartType.Cold, (await h.Invoke()).StartType);
    }

    [Fact]
    public async Task Prewarm_pool_fills_at_start_serves_prewarm_and_removes_the_used_container()
    {
        await using var h = await DriverHarness.StartAsync(DriverHarness.Prewarm(2, 2));
        await DriverHarness.Eventually(() => h.Engine.Started.Count == 2, "the pool of 2 starts");
        await DriverHarness.Eventually(() => h.Driver.SnapshotAsync().Result.Runtimes[0].Idle == 2, "the pool is idle");
        var r = await h.Invoke();
        Assert.Equal(StartType.Prewarm, r.StartType);
        Assert.Equal(0, r.Timings.StartupMs);
        await DriverHarness.Eventually(() => h.Engine.Removed.Contains(r.ContainerId!), "the one-shot container is removed");
        await DriverHarness.Eventually(() => h.Engine.Started.Count == 3, "a replacement is started");
    }

    [Fact]
    public async Task The_replacement_starts_while_the_call_still_runs_not_after_it()
    {
        var release = new TaskCompletionSource<AgentReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var h = await DriverHarness.StartAsync(DriverHarness.Prewarm(1, 1), configure: x => x.Engine.Run = (_, _) => release.Task);
        await DriverHarness.Eventually(() => h.Driver.SnapshotAsync().Result.Runtimes[0].Idle == 1, "the pool is ready");
        var call = h.Invoke();
        await DriverHarness.Eventually(() => h.Engine.Started.Count == 2, "the replacement start is issued");
        Assert.False(call.IsCompleted);
        release.SetResult(new AgentReply(200, "{}"));
        Assert.Equal(StartType.Prewarm, (await call).StartType);
    }

    [Fact]
    public async Task Parallel_container_starts_are_capped()
    {
        var options = PoolDriverOptions.Default with { MaxParallelStarts = 2, DrainTimeout = TimeSpan.FromMilliseconds(100) };
        await using var h = await DriverHarness.StartAsync(DriverHarness.Prewarm(6, 6), options, x => x.Engine.ManualStarts = true);
        await DriverHarness.Eventually(() => h.Engine.PendingStarts == 2, "two starts in flight");
        await Task.Delay(50);
        Assert.Equal(2, h.Engine.StartCalls);
        for (int i = 0; i < 6; i++)
        {
            await DriverHarness.Eventually(() => h.Engine.PendingStarts > 0, "a start is pending");
            h.Engine.CompleteStart();
        }
        await DriverHarness.Eventually(() => h.Driver.SnapshotAsync().Result.Runtimes[0].Idle == 6, "all six ready");
        Assert.Equal(2, h.Engine.MaxStartsInFlight);
    }

    [Fact]
    public async Task A_failed_cold_start_fails_only_its_call()
    {
        await using var h = await DriverHarness.StartAsync(DriverHarness.KeepAlive(TimeSpan.FromMinutes(1)), configure: x => x.Engine.ManualStarts = true);
        var call = h.Invoke();
        await DriverHarness.Eventually(() => h.Engine.PendingStarts == 1, "the start is issued");
        h.Engine.CompleteStart(ok: false);
        var r = await call;
        Assert.Equal(503, r.HttpStatus);
        Assert.Equal(ErrorKinds.StartFailed, r.ErrorKind);
        var next = h.Invoke();
        await DriverHarness.Eventually(() => h.Engine.PendingStarts == 1, "the next start is issued");
        h.Engine.CompleteStart();
        Assert.True((await next).Ok);
        Assert.Equal(1, (await h.Snapshot()).ContainerStartFailures);
    }

    [Fact]
    public async Task A_call_over_the_timeout_fails_with_504_and_its_container_is_killed_and_removed()
    {
        var options = PoolDriverOptions.Default with { CallTimeout = TimeSpan.FromSeconds(5), DrainTimeout = TimeSpan.FromMilliseconds(100) };
        await using var h = await DriverHarness.StartAsync(DriverHarness.KeepAlive(TimeSpan.FromMinutes(10)), options,
            x => x.Engine.Run = async (_, cancel) => { await Task.Delay(Timeout.Infinite, cancel); return default; });
        var call = h.Invoke();
        await DriverHarness.Eventually(() => h.Engine.Started.Count == 1 && !h.Engine.Started.Single().Runs.IsEmpty, "the run is in flight");
        h.Time.Advance(TimeSpan.FromSeconds(5));
        var r = await call;
        Assert.Equal(504, r.HttpStatus);
        Assert.Equal(ErrorKinds.Timeout, r.ErrorKind);
        Assert.True(r.Timings.ExecMs == 5000, $"exec {r.Timings.ExecMs} init {r.Timings.InitMs} total {r.Timings.TotalMs}");
        await DriverHarness.Eventually(() => h.Engine.Removed.Contains(r.ContainerId!), "the killed container is removed");
        Assert.Contains(r.ContainerId!, h.Engine.Killed);
    }

    [Fact]
    public async Task A_dropped_agent_connection_is_diagnosed_as_out_of_memory_and_the_container_not_reused()
    {
        await using var h = await DriverHarness.StartAsync(DriverHarness.KeepAlive(TimeSpan.FromMinutes(10)), configure: x =>
        {
            x.Engine.Run = (_, _) => Task.FromException<AgentReply>(new HttpRequestException("connection reset"));
            x.Engine.Exit = new ContainerExit(true, 137, true);
        });
        var r = await h.Invoke();
        Assert.Equal(ErrorKinds.OutOfMemory, r.ErrorKind);
        await DriverHarness.Eventually(() => h.Engine.Removed.Contains(r.ContainerId!), "the dead container is removed");
        h.Engine.Run = (_, _) => Task.FromResult(new AgentReply(200, "{}"));
        var next = await h.Invoke();
        Assert.Equal(StartType.Cold, next.StartType);
        Assert.NotEqual(r.ContainerId, next.ContainerId);
    }

    [Fact]
    public async Task A_function_error_is_a_502_and_keeps_the_warm_container()
    {
        await using var h = await DriverHarness.StartAsync(DriverHarness.KeepAlive(TimeSpan.FromMinutes(10)),
            configure: x => x.Engine.Run = (_, _) => Task.FromResult(new AgentReply(502, """{"error":"ZeroDivisionError: division by zero"}""")));
        var r = await h.Invoke();
        Assert.Equal(502, r.HttpStatus);
        Assert.Equal("ZeroDivisionError: division by zero", r.Error);
        Assert.Equal(StartType.Warm, (await h.Invoke()).StartType);
    }

    [Fact]
    public async Task A_call_waits_in_the_queue_when_memory_is_full_and_its_queue_time_is_measured()
    {
        var release = new TaskCompletionSource<AgentReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        var options = PoolDriverOptions.Default with { ClusterMemoryBytes = 128L << 20, DrainTimeout = TimeSpan.FromMilliseconds(100) };
        await using var h = await DriverHarness.StartAsync(DriverHarness.KeepAlive(TimeSpan.FromMinutes(10)), options, x => x.Engine.Run = (_, _) => release.Task);
        var first = h.Invoke();
        await DriverHarness.Eventually(() => h.Engine.Started.Count == 1 && !h.Engine.Started.Single().Runs.IsEmpty, "the first call runs");
        var second = h.Invoke();
        await DriverHarness.Eventually(() => h.Driver.SnapshotAsync().Result.Queued == 1, "the second call queues");
        h.Time.Advance(TimeSpan.FromMilliseconds(250));
        release.SetResult(new AgentReply(200, "{}"));
        Assert.True((await first).Ok);
        var r = await second;
        Assert.Equal(StartType.Warm, r.StartType);
        Assert.Equal(250, r.Timings.QueueMs);
        Assert.Single(h.Engine.Started);
    }

    [Fact]
    public async Task Every_arrival_ends_as_exactly_one_record()
    {
        await using var h = await DriverHarness.StartAsync(DriverHarness.Prewarm(1, 3));
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => h.Invoke()));
        Assert.All(results, r => Assert.True(r.Ok));
        await DriverHarness.Eventually(() => h.Observer.Records.Count == 20, "20 records");
        Assert.Equal(Enumerable.Range(0, 20).Select(i => (long)i), h.Observer.Records.Select(r => r.Invocation).Order());
        Assert.All(h.Observer.Records, r => Assert.Equal(CallStatus.Completed, r.Status));
        Assert.Equal(20, (await h.Snapshot()).Calls.Values.Sum());
    }

    [Fact]
    public async Task Dispose_removes_idle_busy_and_starting_containers_and_ends_waiting_calls()
    {
        var release = new TaskCompletionSource<AgentReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        var h = await DriverHarness.StartAsync(DriverHarness.Prewarm(2, 2), configure: x => x.Engine.Run = (_, c) => release.Task.WaitAsync(c));
        await DriverHarness.Eventually(() => h.Driver.SnapshotAsync().Result.Runtimes[0].Idle == 2, "pool ready");
        var busy = h.Invoke(); // takes one, a replacement starts
        await DriverHarness.Eventually(() => h.Engine.Started.Any(c => !c.Runs.IsEmpty), "a call runs");
        await h.DisposeAsync();
        var r = await busy;
        Assert.Equal(ErrorKinds.ShuttingDown, r.ErrorKind);
        Assert.Empty(h.Engine.Live);
        Assert.Equal(ErrorKinds.ShuttingDown, (await h.Invoke()).ErrorKind);
    }

    [Fact]
    public async Task Fixed_pool_overflow_container_is_removed_after_its_call()
    {
        // the function is registered after OnStart, so fixed-pool has no member for it: the call overflows cold
        await using var h = await DriverHarness.StartAsync(s => new FixedPoolPolicy(s, new FixedPoolOptions(1)));
        var r = await h.Invoke();
        Assert.Equal(StartType.Cold, r.StartType);
        await DriverHarness.Eventually(() => h.Engine.Removed.Contains(r.ContainerId!), "the overflow container is removed");
    }

    [Fact]
    public async Task A_runtime_added_while_running_gets_its_pool_at_the_next_bucket_tick()
    {
        await using var h = await DriverHarness.StartAsync(DriverHarness.Prewarm(1, 1));
        await DriverHarness.Eventually(() => h.Engine.Started.Count == 1, "the python pool");
        int node = await h.Driver.RegisterRuntimeAsync(new RuntimeInfo("node", "faas-runtime-node", 128L << 20));
        Assert.Equal(1, node);
        await h.Snapshot();
        Assert.Equal(1, h.Engine.StartCalls); // no policy event yet
        h.Time.Advance(TimeSpan.FromTicks(PrewarmPoolOptions.Default.Window.Micros * 10 / PrewarmPoolOptions.Default.Buckets)); // one bucket: 30 s
        await DriverHarness.Eventually(() => h.Engine.Started.Any(c => c.Spec.Runtime == "node"), "the node pool starts at the tick");
    }

    [Fact]
    public async Task A_fixed_pool_container_is_preloaded_with_its_function_so_the_first_call_is_warm()
    {
        var engine = new FakeContainerEngine();
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        await using var driver = new PoolDriver(engine, s => new FixedPoolPolicy(s, new FixedPoolOptions(1)), PoolDriverOptions.Default, time);
        var fn = driver.Start([new RuntimeInfo("python", "img", 128L << 20)], [new FunctionInfo("f", 1, 0, "{}"u8.ToArray())]).Single();
        await DriverHarness.Eventually(() => driver.SnapshotAsync().Result.Runtimes[0].Idle == 1, "the member container is ready");
        var c = Assert.Single(engine.Started);
        Assert.Single(c.Inits); // loaded before any call
        var r = await driver.InvokeAsync(fn, DriverHarness.Args);
        Assert.Equal(StartType.Warm, r.StartType);
        Assert.Equal(0, r.Timings.InitMs);
        Assert.Single(c.Inits);
    }

    [Fact]
    public async Task A_policy_that_throws_on_an_arrival_fails_that_call_instead_of_leaving_it_waiting()
    {
        var engine = new FakeContainerEngine();
        await using var driver = new PoolDriver(engine, s => new OpenWhiskPolicy(s, ModelCatalog.OpenWhisk(OptionSource.Empty)),
            PoolDriverOptions.Default, new Microsoft.Extensions.Time.Testing.FakeTimeProvider());
        driver.Start([]); // no runtime at start: openwhisk's per-runtime arrays stay empty
        int r = await driver.RegisterRuntimeAsync(new RuntimeInfo("python", "img", 128L << 20));
        int f = await driver.RegisterFunctionAsync(new FunctionInfo("f", 1, r, "{}"u8.ToArray()));
        var result = await driver.InvokeAsync(f, DriverHarness.Args).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(500, result.HttpStatus);
        Assert.Equal(ErrorKinds.PolicyError, result.ErrorKind);
    }
}
