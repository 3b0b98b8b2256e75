using System.Text.Json;
using System.Threading.Channels;
using Faas.Backends.Docker.Engine;
using Faas.Engine;
using Faas.Platform;
using Faas.Platform.Results;
using Faas.Results;

namespace Faas.Backends.Docker.Pool;

/// <summary>
/// The Docker side of "one policy, two drivers": the real-world twin of the simulator's
/// <c>SimulationRun</c>. One loop reads a channel of events (arrivals, containers ready or failed,
/// calls done, timers) and is the only code that touches the policy and the pool state (single
/// writer); it turns the policy's actions into Docker work that runs off the loop (container
/// starts, capped at <see cref="PoolDriverOptions.MaxParallelStarts"/>; code injection and
/// execution; removals) and posts each completion back as an event. Time comes from a
/// <see cref="TimeProvider"/> (policy <c>now</c> = microseconds since the driver started), so tests
/// run it with a fake clock and a fake engine.
/// <para>
/// A call's start type is the policy's Assign: cold when the policy started a container bound to
/// the call, prewarm when it took a pooled generic container, warm when the container already held
/// the function. Every arrival ends as exactly one record (completed, failed or dropped), written to
/// the observer from the loop.
/// </para>
/// </summary>
public sealed class PoolDriver : IAsyncDisposable
{
    private readonly IContainerEngine _engine;
    private readonly Func<PlatformSpec, IPoolPolicy> _policyFactory;
    private IPoolPolicy _policy = null!;
    private readonly PlatformSpec _spec;
    private readonly PoolDriverOptions _options;
    private readonly TimeProvider _time;
    private readonly IRunObserver? _observer;
    private readonly Action? _flushObserver;
    private readonly Channel<DriverEvent> _events = Channel.CreateUnbounded<DriverEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ActionBuffer _actions = new();
    private readonly SemaphoreSlim _startGate;
    private readonly CancellationTokenSource _shutdown = new();
    private readonly long _startTimestamp;
    private readonly TextWriter? _log;

    // loop-owned state
    private readonly List<RuntimeInfo> _runtimes = [];
    private readonly List<FunctionInfo> _functions = [];
    private readonly Dictionary<int, CallState> _calls = [];
    private readonly Stack<int> _freeCallIds = new();
    private int _nextCallId;
    private readonly Dictionary<int, ContainerInstance> _containers = [];
    private readonly HashSet<ITimer> _timers = [];
    private readonly RunMetrics _metrics = new();
    private readonly Dictionary<(string, string), long> _callCounts = [];
    private readonly Dictionary<string, SecondsHistogram> _latency = [];
    private readonly Dictionary<string, SecondsHistogram> _overhead = [];
    private long _invocations;
    private long _startFailures;
    private bool _stopping;

    private int _accepting = 1;
    private long _background;
    private int _executing; // calls between injection and result (any thread)
    private Task? _loop;

    /// <param name="policyFactory">Builds the policy on the driver's <see cref="PlatformSpec"/> (runtimes and functions are added to it as they are registered).</param>
    /// <param name="observer">Receives every ended call (from the loop thread); <paramref name="flushObserver"/> is called when the loop goes idle.</param>
    public PoolDriver(IContainerEngine engine, Func<PlatformSpec, IPoolPolicy> policyFactory, PoolDriverOptions options, TimeProvider time,
        IRunObserver? observer = null, Action? flushObserver = null, TextWriter? log = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxParallelStarts, 1);
        _engine = engine;
        _options = options;
        _time = time;
        _observer = observer;
        _flushObserver = flushObserver;
        _log = log;
        _spec = new PlatformSpec(options.ClusterMemoryBytes);
        _policyFactory = policyFactory;
        _startGate = new SemaphoreSlim(options.MaxParallelStarts, options.MaxParallelStarts);
        _startTimestamp = time.GetTimestamp();
    }

    /// <summary>The policy's catalog name (after <see cref="Start"/>).</summary>
    public string Model => _policy?.Model ?? throw new InvalidOperationException("not started");

    /// <summary>Docker operations (starts, injections, runs, removals) not finished yet.</summary>
    public long BackgroundOperations => Interlocked.Read(ref _background);

    /// <summary>
    /// Registers the runtimes and functions known at start (so the policy's OnStart sees them, e.g.
    /// fixed-pool's per-function containers) and starts the loop. Returns the functions' indexes.
    /// </summary>
    public IReadOnlyList<int> Start(IEnumerable<RuntimeInfo> runtimes, IEnumerable<FunctionInfo>? functions = null)
    {
        if (_loop is not null) throw new InvalidOperationException("already started");
        foreach (var r in runtimes) AddRuntime(r);
        var indexes = new List<int>();
        foreach (var f in functions ?? [])
        {
            _functions.Add(f);
            indexes.Add(_spec.AddFunction(f.Runtime, _spec.RuntimeMemory(f.Runtime)));
        }
        // built on the initial spec, as the simulator builds its policy on the scenario's (some size per-runtime state here)
        _policy = _policyFactory(_spec);
        _loop = Task.Run(LoopAsync);
        return indexes;
    }

    /// <summary>Name of runtime index <paramref name="r"/> (call from the observer, i.e. the loop).</summary>
    public string RuntimeName(int r) => _runtimes[r].Name;

    /// <summary>Name of function index <paramref name="f"/> (call from the observer, i.e. the loop).</summary>
    public string FunctionName(int f) => _functions[f].Name;

    /// <summary>Adds a runtime (or returns the index of the one with that name).</summary>
    public Task<int> RegisterRuntimeAsync(RuntimeInfo runtime)
    {
        var e = new RegisterRuntime(runtime);
        return Post(e) ? e.Done.Task : Task.FromException<int>(new ObjectDisposedException(nameof(PoolDriver)));
    }

    /// <summary>Adds a function version; returns its index, to pass to <see cref="InvokeAsync"/>.</summary>
    public Task<int> RegisterFunctionAsync(FunctionInfo function)
    {
        var e = new RegisterFunction(function);
        return Post(e) ? e.Done.Task : Task.FromException<int>(new ObjectDisposedException(nameof(PoolDriver)));
    }

    /// <summary>
    /// Runs function index <paramref name="function"/> with <paramref name="runBody"/> (the
    /// <c>/run</c> body, UTF-8 JSON). <paramref name="arrivalTimestamp"/> (from this driver's
    /// <see cref="TimeProvider"/>) is when the request arrived, if earlier than now. Never throws
    /// for a failed call: the result says what happened.
    /// </summary>
    public Task<InvocationResult> InvokeAsync(int function, ReadOnlyMemory<byte> runBody, long? arrivalTimestamp = null)
    {
        var call = new CallState(function, runBody, arrivalTimestamp ?? _time.GetTimestamp());
        if (Volatile.Read(ref _accepting) == 0 || !Post(new Arrival(call)))
            return Task.FromResult(InvocationResult.Failure(503, ErrorKinds.ShuttingDown, "the platform is shutting down"));
        return call.Done.Task;
    }

    /// <summary>Pool sizes, queue and counters, taken consistently on the loop.</summary>
    public Task<PoolSnapshot> SnapshotAsync()
    {
        var e = new Snapshot();
        return Post(e) ? e.Done.Task : Task.FromException<PoolSnapshot>(new ObjectDisposedException(nameof(PoolDriver)));
    }

    /// <summary>Waits until no Docker operation is in flight (starts, removals, calls), e.g. between benchmark phases.</summary>
    public async Task WaitForQuietAsync(TimeSpan timeout, CancellationToken cancel = default)
    {
        // a snapshot goes through the loop, so work caused by events posted before it is counted
        long deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while ((await SnapshotAsync().ConfigureAwait(false)).BackgroundOperations > 0 && Environment.TickCount64 < deadline)
            await Task.Delay(5, cancel).ConfigureAwait(false);
    }

    private bool Post(DriverEvent e) => _events.Writer.TryWrite(e);

    private SimTime Now() => new(_time.GetElapsedTime(_startTimestamp).Ticks / 10);

    /// <summary>Microseconds since the driver started at <paramref name="timestamp"/> (0 for an earlier one): the clock of every <see cref="CallTimeline"/> here.</summary>
    private long Micros(long timestamp) =>
        timestamp <= _startTimestamp ? 0 : _time.GetElapsedTime(_startTimestamp, timestamp).Ticks / 10;

    private long NowMicros() => Micros(_time.GetTimestamp());

    // ------------------------------------------------------------------ the loop

    private async Task LoopAsync()
    {
        var reader = _events.Reader;
        try { Handle(new PolicyStart()); }
        catch (Exception ex) { _log?.WriteLine($"pool driver: the {_policy.Model} policy failed to start: {ex}"); }
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var e))
            {
                try
                {
                    Handle(e);
                }
                catch (Exception ex)
                {
                    // a bug in a handler (or the policy) must not stop the platform or leave a caller waiting
                    _log?.WriteLine($"pool driver: error handling {e.GetType().Name}: {ex}");
                    if (e is Arrival a) FailArrival(a.Call, ex);
                }
            }
            try { _flushObserver?.Invoke(); }
            catch (Exception ex) { _log?.WriteLine($"pool driver: cannot write invocations: {ex.Message}"); }
        }
    }

    private void Handle(DriverEvent e)
    {
        var now = Now();
        _actions.Clear();
        switch (e)
        {
            case PolicyStart:
                _policy.OnStart(now, _actions);
                break;
            case Arrival a:
                OnArrival(now, a.Call);
                break;
            case ContainerStarted s:
                OnContainerStarted(now, s);
                break;
            case CallDone d:
                OnCallDone(now, d);
                break;
            case TimerFired t:
                _timers.Remove(t.Timer!);
                t.Timer!.Dispose();
                if (!_stopping) _policy.OnTimer(now, t.Token, _actions);
                break;
            case RegisterRuntime r:
                r.Done.TrySetResult(AddRuntime(r.Runtime));
                break;
            case RegisterFunction f:
                if ((uint)f.Function.Runtime >= (uint)_runtimes.Count)
                {
                    f.Done.TrySetException(new ArgumentOutOfRangeException(nameof(f.Function.Runtime), $"no runtime with index {f.Function.Runtime}"));
                    break;
                }
                _functions.Add(f.Function);
                f.Done.TrySetResult(_spec.AddFunction(f.Function.Runtime, _spec.RuntimeMemory(f.Function.Runtime)));
                break;
            case Snapshot s:
                s.Done.TrySetResult(TakeSnapshot());
                break;
            case Stop s:
                OnStop(now);
                s.Done.TrySetResult();
                break;
        }
        Apply(now);
    }

    private int AddRuntime(RuntimeInfo runtime)
    {
        int existing = _runtimes.FindIndex(r => r.Name == runtime.Name);
        if (existing >= 0)
        {
            _runtimes[existing] = runtime; // same name: a changed image or memory applies to new containers
            return existing;
        }
        _runtimes.Add(runtime);
        return _spec.AddRuntime(runtime.Name, runtime.MemoryBytes);
    }

    private void OnArrival(SimTime now, CallState call)
    {
        if (_stopping)
        {
            call.Done.TrySetResult(InvocationResult.Failure(503, ErrorKinds.ShuttingDown, "the platform is shutting down"));
            return;
        }
        if ((uint)call.Function >= (uint)_functions.Count)
        {
            call.Done.TrySetResult(InvocationResult.Failure(404, ErrorKinds.NotFound, $"no function with index {call.Function}"));
            return;
        }
        call.Id = _freeCallIds.Count > 0 ? _freeCallIds.Pop() : _nextCallId++;
        call.Invocation = _invocations++;
        call.ArrivalMicros = Micros(call.ArrivalTimestamp);
        _calls[call.Id] = call;
        _metrics.OnArrival();
        _policy.OnArrival(now, call.Id, call.Function, _actions);
    }

    /// <summary>Ends a call whose arrival the policy could not handle (its actions are dropped).</summary>
    private void FailArrival(CallState call, Exception ex)
    {
        _actions.Clear();
        if (call.Done.Task.IsCompleted) return;
        var result = InvocationResult.Failure(500, ErrorKinds.PolicyError, $"the {_policy.Model} policy failed on this call: {ex.GetType().Name}: {ex.Message}");
        if (_calls.TryGetValue(call.Id, out var known) && ReferenceEquals(known, call))
            End(call, CallStatus.Failed, StartType.Cold, CallTimeline.Unserved(call.ArrivalMicros, NowMicros()), result);
        call.Done.TrySetResult(result);
    }

    private void OnContainerStarted(SimTime now, ContainerStarted e)
    {
        var inst = e.Instance;
        bool current = _containers.TryGetValue(inst.PolicyId, out var x) && ReferenceEquals(x, inst);
        if (e.Container is not null)
        {
            inst.Container = e.Container;
            if (!current || inst.Removed || _stopping)
            {
                if (current) _containers.Remove(inst.PolicyId); // (not current: the id may name a newer container)
                RemoveInBackground(inst);
                return;
            }
            _policy.OnContainerReady(now, inst.PolicyId, _actions);
            return;
        }
        _startFailures++;
        if (!_stopping) _log?.WriteLine($"pool driver: container of runtime {_runtimes[inst.Runtime].Name} failed to start: {e.Error?.Message}");
        if (!current) return;
        _containers.Remove(inst.PolicyId);
        int bound = _policy.Containers.BoundCall(inst.PolicyId);
        if (bound >= 0 && _calls.TryGetValue(bound, out var call))
        {
            long ended = NowMicros();
            var timeline = new CallTimeline(call.ArrivalMicros, call.StartIssuedMicros, ended, ended, ended, ended); // the start ended: no run
            var result = InvocationResult.Failure(503, ErrorKinds.StartFailed, $"could not start a container: {e.Error?.Message}", StartType.Cold, timeline);
            End(call, CallStatus.Failed, StartType.Cold, timeline, result);
            call.Done.TrySetResult(result);
        }
        if (!_stopping) _policy.OnContainerFailed(now, inst.PolicyId, _actions);
    }

    private void OnCallDone(SimTime now, CallDone d)
    {
        var call = d.Call;
        var r = call.Result!;
        End(call, r.Ok ? CallStatus.Completed : CallStatus.Failed, call.Type, r.Timeline, r);
        if (_stopping)
        {
            if (_containers.Remove(d.Instance.PolicyId, out var inst)) RemoveInBackground(inst);
            return;
        }
        _policy.OnCallCompleted(now, call.Id, d.Instance.PolicyId, d.Healthy, _actions);
    }

    /// <summary>Ends a call: its record (metrics, observer) and its id. The caller completes its task.</summary>
    private void End(CallState call, CallStatus status, StartType type, in CallTimeline timeline, InvocationResult result)
    {
        var fn = _functions[call.Function];
        var rec = timeline.ToRecord(call.Invocation, call.Function, fn.Runtime, status, type);
        _metrics.Add(in rec);
        _observer?.OnInvocation(in rec);
        string typeName = status == CallStatus.Dropped ? StartTypes.None : StartTypes.Of(type);
        string statusName = CallStatuses.Of(status);
        _callCounts[(typeName, statusName)] = _callCounts.GetValueOrDefault((typeName, statusName)) + 1;
        if (status == CallStatus.Completed)
        {
            Histogram(_latency, typeName).Add(result.Timings.TotalMs / 1e3);
            Histogram(_overhead, typeName).Add(Math.Max(0, result.Timings.OverheadMs) / 1e3);
        }
        _calls.Remove(call.Id);
        _freeCallIds.Push(call.Id);
    }

    private static SecondsHistogram Histogram(Dictionary<string, SecondsHistogram> d, string key)
    {
        if (!d.TryGetValue(key, out var h)) d[key] = h = new SecondsHistogram();
        return h;
    }

    private void Apply(SimTime now)
    {
        foreach (ref readonly var a in _actions.Actions)
        {
            switch (a.Kind)
            {
                case ActionKind.StartContainer:
                    StartContainer(a);
                    break;
                case ActionKind.Assign:
                    Assign(a);
                    break;
                case ActionKind.RemoveContainer:
                    if (_containers.Remove(a.Container, out var inst))
                    {
                        inst.Removed = true;
                        if (inst.Container is not null) RemoveInBackground(inst); // else: removed when its start completes
                    }
                    break;
                case ActionKind.SetTimer:
                    SetTimer(now, a.At, a.Token);
                    break;
                case ActionKind.Reject:
                    if (_calls.TryGetValue(a.Call, out var call))
                    {
                        var timeline = CallTimeline.Unserved(call.ArrivalMicros, NowMicros());
                        var result = InvocationResult.Failure(503, ErrorKinds.Dropped, "the platform has no capacity for this call", null, timeline);
                        End(call, CallStatus.Dropped, StartType.Cold, timeline, result);
                        call.Done.TrySetResult(result);
                    }
                    break;
            }
        }
        _actions.Clear();
    }

    private void StartContainer(in PolicyAction a)
    {
        var runtime = _runtimes[a.Runtime];
        var inst = new ContainerInstance(a.Container, a.Runtime);
        _containers[a.Container] = inst;
        if (a.Call >= 0 && _calls.TryGetValue(a.Call, out var call)) call.StartIssuedMicros = NowMicros();
        bool pool = a.Call < 0;
        // a pool container started for one function (fixed-pool) gets its code now, so its first call is truly warm
        int preloadIndex = pool ? a.Function : -1;
        var preload = preloadIndex >= 0 ? _functions[preloadIndex] : null;
        var spec = new ContainerSpec(runtime.Image, runtime.Name, _policy.Model, a.MemoryBytes, _options.NanoCpus, _options.PidsLimit, Background: pool);
        RunInBackground(async () =>
        {
            IContainer? container = null;
            Exception? error = null;
            try
            {
                if (pool) await DeferWhileCallsExecuteAsync().ConfigureAwait(false);
                await _startGate.WaitAsync(_shutdown.Token).ConfigureAwait(false);
                try { container = await _engine.StartAsync(spec, _shutdown.Token).ConfigureAwait(false); }
                finally { _startGate.Release(); }
                if (preload is not null) await PreloadAsync(inst, container, preload, preloadIndex).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                error = e;
                container = null; // a failed preload already removed it
            }
            if (!Post(new ContainerStarted(inst, container, error)) && container is not null)
                await RemoveQuietlyAsync(container).ConfigureAwait(false); // the loop is gone (shutdown)
        });
    }

    /// <summary>Injects <paramref name="fn"/> into a new pool container; on failure removes it and throws (a failed start).</summary>
    private async Task PreloadAsync(ContainerInstance inst, IContainer container, FunctionInfo fn, int fnIndex)
    {
        try
        {
            using var timeout = new CancellationTokenSource(_options.CallTimeout, _time);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(_shutdown.Token, timeout.Token);
            var reply = await container.InitAsync(fn.InitBody, limit.Token).ConfigureAwait(false);
            if (!reply.Ok) throw new ContainerStartException($"loading {fn.Name} failed: {AgentError(reply.Body, reply.Status.ToString(System.Globalization.CultureInfo.InvariantCulture))}");
            inst.LoadedFunction = fnIndex;
        }
        catch
        {
            await RemoveQuietlyAsync(container).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Waits (up to <see cref="PoolDriverOptions.PoolStartDeferral"/>) until no call is injecting or running.</summary>
    private async Task DeferWhileCallsExecuteAsync()
    {
        long until = Environment.TickCount64 + (long)_options.PoolStartDeferral.TotalMilliseconds;
        while (Volatile.Read(ref _executing) > 0 && Environment.TickCount64 < until && !_shutdown.IsCancellationRequested)
            await Task.Delay(1).ConfigureAwait(false);
    }

    private void Assign(in PolicyAction a)
    {
        if (!_calls.TryGetValue(a.Call, out var call)) throw new InvalidOperationException($"assign of unknown call {a.Call}");
        if (!_containers.TryGetValue(a.Container, out var inst) || inst.Container is null)
        {
            // cannot happen with a consistent policy; end the call rather than leave its caller waiting
            var timeline = CallTimeline.Unserved(call.ArrivalMicros, NowMicros());
            var failure = InvocationResult.Failure(500, ErrorKinds.Crashed, $"internal error: container {a.Container} is not running", a.StartType, timeline);
            End(call, CallStatus.Failed, a.StartType, timeline, failure);
            call.Done.TrySetResult(failure);
            return;
        }
        call.AssignedMicros = NowMicros();
        call.Type = a.StartType;
        var fn = _functions[a.Function];
        int fnIndex = a.Function;
        bool needsInit = inst.LoadedFunction != fnIndex;
        var container = inst.Container;
        Interlocked.Increment(ref _executing); // here, before any start issued in the same batch looks at it
        RunInBackground(() => ExecuteAsync(call, inst, container, fn, fnIndex, needsInit));
    }

    /// <summary>Off the loop: inject the code (unless warm), run, classify failures; post the completion, then answer the caller.</summary>
    private async Task ExecuteAsync(CallState call, ContainerInstance inst, IContainer container, FunctionInfo fn, int fnIndex, bool needsInit)
    {
        using var timeout = new CancellationTokenSource(_options.CallTimeout, _time); // on the driver's clock (tests use a fake one)
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(_shutdown.Token, timeout.Token);
        long t0 = NowMicros(), t1 = t0, t2;
        bool healthy = true, initDone = !needsInit;
        int status;
        string? result = null, kind = null, error = null;
        try
        {
            if (needsInit)
            {
                var init = await container.InitAsync(fn.InitBody, limit.Token).ConfigureAwait(false);
                t1 = NowMicros();
                if (!init.Ok)
                {
                    t2 = t1;
                    healthy = false; // the agent stays uninitialized: never reuse it
                    (status, kind, error) = (init.Status == 502 ? 422 : 502, ErrorKinds.InitError, AgentError(init.Body, "code injection failed"));
                    goto done;
                }
                inst.LoadedFunction = fnIndex;
                initDone = true;
            }
            var run = await container.RunAsync(call.Body, limit.Token).ConfigureAwait(false);
            t2 = NowMicros();
            if (run.Ok)
            {
                status = 200;
                result = run.Body;
            }
            else
            {
                healthy = run.Status == 502; // the function failed, the agent is fine
                (status, kind, error) = (502, ErrorKinds.FunctionError, AgentError(run.Body, $"the agent answered {run.Status}"));
            }
        }
        catch (OperationCanceledException) when (_shutdown.IsCancellationRequested)
        {
            t2 = NowMicros();
            if (!initDone) t1 = t2; // failed during injection
            healthy = false;
            (status, kind, error) = (503, ErrorKinds.ShuttingDown, "the platform shut down during the call");
        }
        catch (OperationCanceledException)
        {
            t2 = NowMicros();
            if (!initDone) t1 = t2; // failed during injection
            healthy = false;
            (status, kind, error) = (504, ErrorKinds.Timeout, $"the call did not finish within {_options.CallTimeout.TotalSeconds:0.###} s; its container was killed");
            await KillQuietlyAsync(container).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            t2 = NowMicros();
            if (!initDone) t1 = t2; // failed during injection
            healthy = false;
            (status, kind, error) = await DiagnoseAsync(container, e).ConfigureAwait(false);
        }
    done:
        // warm (no injection): init is empty, the run starts where the hop to this thread ended
        var timeline = new CallTimeline(call.ArrivalMicros, call.StartIssuedMicros, call.AssignedMicros, t0, needsInit ? t1 : t0, t2);
        var outcome = status == 200
            ? new InvocationResult(true, 200, result, null, null, call.Type, InvocationTimings.From(timeline)) { Timeline = timeline }
            : InvocationResult.Failure(status, kind!, error!, call.Type, timeline);
        call.Result = outcome with { ContainerId = container.Id };
        Interlocked.Decrement(ref _executing);
        // completion first, answer second: a caller that calls again at once finds the container released (FIFO channel)
        Post(new CallDone(call, inst, healthy));
        call.Done.TrySetResult(call.Result);
    }

    private static async Task<(int, string, string)> DiagnoseAsync(IContainer container, Exception e)
    {
        ContainerExit exit;
        try { exit = await container.DiagnoseAsync(TimeSpan.FromSeconds(3), CancellationToken.None).ConfigureAwait(false); }
        catch (Exception) { exit = new ContainerExit(false, 0, false); }
        if (exit.OomKilled) return (502, ErrorKinds.OutOfMemory, "the function exceeded its memory limit; its container was killed");
        if (exit.Exited) return (502, ErrorKinds.Crashed, $"the function's container exited (code {exit.ExitCode}) during the call");
        return (502, ErrorKinds.Crashed, $"lost the connection to the function's agent ({e.GetType().Name}: {e.Message})");
    }

    /// <summary>The <c>error</c> string of an agent's JSON error body, else the body itself (shortened).</summary>
    internal static string AgentError(string body, string fallback)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("error", out var err) && err.ValueKind == JsonValueKind.String)
                return err.GetString()!;
        }
        catch (JsonException) { }
        return string.IsNullOrWhiteSpace(body) ? fallback : (body.Length > 500 ? body[..500] + "..." : body);
    }

    private void SetTimer(SimTime now, SimTime at, long token)
    {
        if (_stopping) return;
        long delay = Math.Max(0, at.Micros - now.Micros);
        var fired = new TimerFired(token);
        var timer = _time.CreateTimer(static s =>
        {
            var (driver, e) = ((PoolDriver, TimerFired))s!;
            driver.Post(e);
        }, (this, fired), TimeSpan.FromTicks(Math.Min(delay, long.MaxValue / 20) * 10), Timeout.InfiniteTimeSpan);
        fired.Timer = timer;
        _timers.Add(timer);
    }

    private void RemoveInBackground(ContainerInstance inst)
    {
        var c = inst.Container;
        if (c is null) return;
        inst.Container = null;
        RunInBackground(() => RemoveQuietlyAsync(c));
    }

    private async Task RemoveQuietlyAsync(IContainer c)
    {
        try { await _engine.RemoveAsync(c, CancellationToken.None).ConfigureAwait(false); }
        catch (Exception e) { _log?.WriteLine($"pool driver: could not remove container {c.Id}: {e.Message}"); }
    }

    private static async Task KillQuietlyAsync(IContainer c)
    {
        try { await c.KillAsync(CancellationToken.None).ConfigureAwait(false); }
        catch (Exception) { /* removal follows and forces it */ }
    }

    private void RunInBackground(Func<Task> work)
    {
        Interlocked.Increment(ref _background);
        _ = Task.Run(async () =>
        {
            try { await work().ConfigureAwait(false); }
            catch (Exception e) { _log?.WriteLine($"pool driver: background operation failed: {e}"); }
            finally { Interlocked.Decrement(ref _background); }
        });
    }

    private PoolSnapshot TakeSnapshot()
    {
        var t = _policy.Containers;
        var runtimes = new List<RuntimePoolStatus>(_runtimes.Count);
        for (int r = 0; r < _runtimes.Count; r++)
            runtimes.Add(new RuntimePoolStatus(_runtimes[r].Name, t.IdleOfRuntime(r), t.StartingOfRuntime(r), t.BusyOfRuntime(r), _policy.PoolTarget(r)));
        return new PoolSnapshot(_policy.Model, runtimes, _policy.QueueLength, _calls.Count, t.Created, _startFailures, BackgroundOperations,
            new Dictionary<(string, string), long>(_callCounts),
            _latency.ToDictionary(kv => kv.Key, kv => kv.Value.Snapshot()),
            _overhead.ToDictionary(kv => kv.Key, kv => kv.Value.Snapshot()));
    }

    private void OnStop(SimTime now)
    {
        _stopping = true;
        foreach (var t in _timers) t.Dispose();
        _timers.Clear();
        // calls without a running container (waiting, or their cold start in progress) never ran: they end dropped
        foreach (var call in _calls.Values.Where(c => c.AssignedMicros < 0).ToList())
        {
            var timeline = CallTimeline.Unserved(call.ArrivalMicros, NowMicros());
            var result = InvocationResult.Failure(503, ErrorKinds.ShuttingDown, "the platform shut down before the call got a container", null, timeline);
            End(call, CallStatus.Dropped, StartType.Cold, timeline, result);
            call.Done.TrySetResult(result);
        }
        // containers not serving a call go now; busy ones when their call ends
        foreach (var (id, inst) in _containers.ToList())
        {
            if (inst.Container is not null && _policy.Containers.State(id) == ContainerState.Busy) continue;
            _containers.Remove(id);
            inst.Removed = true;
            RemoveInBackground(inst);
        }
    }

    /// <summary>
    /// Stops: no new calls; waiting calls end dropped; calls in flight get
    /// <see cref="PoolDriverOptions.DrainTimeout"/> to finish, then are cancelled; every container is
    /// removed and every Docker operation awaited. Idempotent.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _accepting, 0) == 0) return;
        if (_loop is null)
        {
            _events.Writer.TryComplete();
            return;
        }
        var stop = new Stop();
        if (Post(stop)) await stop.Done.Task.ConfigureAwait(false);
        long drainUntil = Environment.TickCount64 + (long)_options.DrainTimeout.TotalMilliseconds;
        while (Environment.TickCount64 < drainUntil && await CallsInFlightAsync().ConfigureAwait(false) > 0)
            await Task.Delay(10).ConfigureAwait(false);
        _shutdown.Cancel(); // cancels calls still running and starts still waiting
        while (await CallsInFlightAsync().ConfigureAwait(false) > 0)
            await Task.Delay(10).ConfigureAwait(false);
        // starts in flight post their container, which the stopping loop removes
        while (BackgroundOperations > 0) await Task.Delay(10).ConfigureAwait(false);
        _events.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        while (BackgroundOperations > 0) await Task.Delay(10).ConfigureAwait(false);
        _shutdown.Dispose();
    }

    private async Task<int> CallsInFlightAsync()
    {
        var e = new Snapshot();
        if (!Post(e)) return 0;
        return (await e.Done.Task.ConfigureAwait(false)).CallsInFlight;
    }

    // ------------------------------------------------------------------ state and events

    private sealed class CallState(int function, ReadOnlyMemory<byte> body, long arrivalTimestamp)
    {
        public readonly int Function = function;
        public readonly ReadOnlyMemory<byte> Body = body;
        public readonly long ArrivalTimestamp = arrivalTimestamp;
        public readonly TaskCompletionSource<InvocationResult> Done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int Id;
        public long Invocation;
        // instants of the call's CallTimeline, µs since the driver started
        public long ArrivalMicros;
        public long StartIssuedMicros = CallTimeline.NoStart;
        public long AssignedMicros = -1;
        public StartType Type;
        public InvocationResult? Result;
    }

    /// <summary>A policy container id bound to the Docker container started for it (ids are reused, objects are not).</summary>
    private sealed class ContainerInstance(int policyId, int runtime)
    {
        public readonly int PolicyId = policyId;
        public readonly int Runtime = runtime;
        public IContainer? Container;
        public bool Removed;
        public int LoadedFunction = -1;
    }

    private abstract class DriverEvent;

    private sealed class PolicyStart : DriverEvent;

    private sealed class Arrival(CallState call) : DriverEvent
    {
        public CallState Call { get; } = call;
    }

    private sealed class ContainerStarted(ContainerInstance instance, IContainer? container, Exception? error) : DriverEvent
    {
        public ContainerInstance Instance { get; } = instance;
        public IContainer? Container { get; } = container;
        public Exception? Error { get; } = error;
    }

    private sealed class CallDone(CallState call, ContainerInstance instance, bool healthy) : DriverEvent
    {
        public CallState Call { get; } = call;
        public ContainerInstance Instance { get; } = instance;
        public bool Healthy { get; } = healthy;
    }

    private sealed class TimerFired(long token) : DriverEvent
    {
        public long Token { get; } = token;
        public ITimer? Timer;
    }

    private sealed class RegisterRuntime(RuntimeInfo runtime) : DriverEvent
    {
        public RuntimeInfo Runtime { get; } = runtime;
        public TaskCompletionSource<int> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class RegisterFunction(FunctionInfo function) : DriverEvent
    {
        public FunctionInfo Function { get; } = function;
        public TaskCompletionSource<int> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class Snapshot : DriverEvent
    {
        public TaskCompletionSource<PoolSnapshot> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class Stop : DriverEvent
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
