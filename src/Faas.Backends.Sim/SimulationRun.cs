using Faas.Engine;
using Faas.Platform;
using Faas.Platform.Models;
using Faas.Platform.Results;
using Faas.Scenarios;
using Faas.Workloads.Arrivals;
using Faas.Workloads.Distributions;
using Faas.Workloads.Traces;

namespace Faas.Backends.Sim;

/// <summary>
/// Drives one policy through one replication of a scenario in simulated time: the simulator side of
/// "one policy, two drivers". It pulls calls from the arrival streams, asks the policy what to do,
/// and turns the policy's actions into scheduled events (container ready after a drawn cold start,
/// call completed after drawn init + exec). Every arrival ends as exactly one record, checked at the
/// end. Random draws come from per-source streams of the replication seed: each function's arrivals,
/// its execution times and its init times are drawn at arrival (so they are identical across
/// models: common random numbers), and each runtime's cold starts from its own stream.
/// A trace workload (<see cref="Scenario.Workload"/>) is one more stream that yields calls of many
/// functions; when it records each call's execution time (<see cref="ITracedCallStream"/>) that is
/// used instead of a draw. A function's own cold-start distribution (trace presets) overrides its
/// runtime's. For a model that reads the future (the <c>oracle</c>) the run gives the policy a second copy of its arrival
/// streams (same seeds, so the same calls) to read ahead (<see cref="PlatformSpec.Future"/>), with
/// each call's execution time: the trace's, or drawn from a copy of the function's exec stream in
/// the same order as the run draws it.
/// <para>
/// Fidelity options (all off unless the scenario or its calibration profile sets them, so results
/// without them are unchanged): with <see cref="Scenario.MaxParallelStarts"/> at most that many
/// containers start at once and further starts wait in issue order (the Docker driver's start gate);
/// with a runtime's <see cref="RuntimeSpec.StartContention"/> a start's drawn duration (drawn when the
/// policy issues it, so the cold-start stream is consumed as before) is multiplied by factor(k), k =
/// starts running on the machine when it begins, itself and every start beginning at the same instant
/// included (two starts issued together both get factor(2), as calibrate measures them; the whole
/// cluster is one machine);
/// with <see cref="RuntimeSpec.WarmDispatch"/> / <see cref="RuntimeSpec.PrewarmDispatch"/> a warm or
/// prewarm call's latency gains an overhead drawn at arrival from the function's <c>dispatch/NAME</c>
/// stream, counted as queue time: the real driver spends it between the call's arrival and its
/// container assignment (the loop hop), so the container's busy time is not lengthened.
/// </para>
/// </summary>
public sealed class SimulationRun
{
    private struct Call
    {
        public long Invocation;
        public int Function;
        public long Arrival;
        public long StartIssued; // CallTimeline.NoStart unless a container was started for this call
        public long Assigned;
        public SimDuration Init;
        public SimDuration Exec;
        public StartType Type;
        public long Container;
        public long WarmDispatch; // µs of platform overhead if the call is served warm (0 unless simulated)
        public long PrewarmDispatch;
    }

    /// <summary>A container start waiting for a slot under <see cref="Scenario.MaxParallelStarts"/>.</summary>
    private readonly record struct PendingStart(int Container, int Generation, int Runtime, long DrawnMicros);

    private readonly Scenario _scenario;
    private readonly ModelSpec _model;
    private readonly int _replication;
    private readonly ulong _seed;
    private readonly IRunObserver? _observer;
    private readonly EventQueue<SimEvent> _events = new(4096);
    private readonly ActionBuffer _actions = new();
    private readonly RunMetrics _metrics = new();
    private readonly IPoolPolicy _policy;
    private readonly IArrivalStream[] _streams;
    private readonly ITracedCallStream?[] _traced;
    private readonly long[] _pendingExec; // per stream: execution time of its pending arrival (traced streams)
    private readonly DurationDistribution?[] _coldOf; // per function override
    private readonly Random[] _execRng;
    private readonly Random[] _initRng;
    private readonly Random[] _coldRng;
    private readonly int[] _runtimeOf;
    private readonly long[] _arrivalsInSample;
    private readonly string[] _nodeNames;
    private readonly bool _trackStarts; // a start cap or contention is simulated
    private readonly int _startCap;
    private readonly StartContention?[] _contention;
    private readonly Queue<PendingStart> _waitingStarts = new();
    private readonly List<PendingStart> _beginning = []; // got a slot at this instant; begin at the StartBatch event
    private int _startsRunning; // slots taken: running starts and those in _beginning
    private readonly Random?[] _dispatchRng; // per function, only when its runtime has a dispatch overhead
    private Call[] _calls = new Call[1024];
    private int[] _freeCalls = new int[1024];
    private int _freeCount;
    private int _callHighWater;
    private int _inFlight;
    private int _openStreams;
    private long _invocations;
    private long _lastEventTime;
    private long _processed;

    /// <summary>Prepares replication <paramref name="replication"/> of <paramref name="model"/> on <paramref name="scenario"/>.</summary>
    /// <param name="seedOverride">Root seed to use instead of the scenario's.</param>
    public SimulationRun(Scenario scenario, ModelSpec model, int replication, IRunObserver? observer = null, ulong? seedOverride = null)
    {
        _scenario = scenario;
        _model = model;
        _replication = replication;
        _observer = observer;
        _seed = SeedSequence.Replication(seedOverride ?? scenario.Seed, replication);
        var spec = scenario.ToPlatformSpec();
        var entry = model.Entry;
        if (entry.Has(ModelCapabilities.NeedsFuture))
        {
            var horizon = entry.FutureHorizon(model.Options);
            var copies = CreateStreams(scenario, _seed);
            for (int i = 0; i < copies.Length; i++)
                if (copies[i] is not ITracedCallStream) copies[i] = new DrawnExecStream(copies[i], scenario, _seed);
            spec.Future = new ArrivalLookahead(copies.Length == 1 ? copies[0] : new MergedArrivalStream(copies), horizon);
        }
        _policy = entry.Create(model.Options, spec);
        int n = scenario.Functions.Count;
        _execRng = new Random[n];
        _initRng = new Random[n];
        _runtimeOf = new int[n];
        _coldOf = new DurationDistribution?[n];
        for (int f = 0; f < n; f++)
        {
            var fs = scenario.Functions[f];
            _execRng[f] = SeedSequence.Stream(_seed, StreamKeys.Exec(fs.Name));
            _initRng[f] = SeedSequence.Stream(_seed, StreamKeys.Init(fs.Name));
            _runtimeOf[f] = fs.RuntimeIndex;
            _coldOf[f] = fs.ColdStart;
        }
        _streams = CreateStreams(scenario, _seed);
        _traced = _streams.Select(x => x as ITracedCallStream).ToArray();
        _pendingExec = new long[_streams.Length];
        _coldRng = scenario.Runtimes.Select(r => (Random)SeedSequence.Stream(_seed, StreamKeys.ColdStart(r.Name))).ToArray();
        _arrivalsInSample = new long[scenario.Runtimes.Count];
        _nodeNames = scenario.Cluster.Nodes.Select(x => x.Name).ToArray();
        _contention = scenario.Runtimes.Select(r => r.StartContention).ToArray();
        _startCap = scenario.MaxParallelStarts ?? int.MaxValue;
        _trackStarts = scenario.MaxParallelStarts is not null || _contention.Any(c => c is not null);
        _dispatchRng = new Random?[n];
        for (int f = 0; f < n; f++)
        {
            var rt = scenario.Runtimes[_runtimeOf[f]];
            if (rt.WarmDispatch is not null || rt.PrewarmDispatch is not null)
                _dispatchRng[f] = SeedSequence.Stream(_seed, StreamKeys.Dispatch(scenario.Functions[f].Name));
        }
    }

    /// <summary>
    /// The arrival streams of one replication: one per function with an arrival process, then the
    /// trace workload's. Deterministic in the seed: calling it twice gives two identical copies.
    /// </summary>
    public static IArrivalStream[] CreateStreams(Scenario scenario, ulong replicationSeed)
    {
        var streams = new List<IArrivalStream>();
        var end = SimTime.Zero + scenario.Duration;
        for (int f = 0; f < scenario.Functions.Count; f++)
        {
            var fs = scenario.Functions[f];
            if (fs.Arrivals is not null)
                streams.Add(fs.Arrivals.CreateStream(SeedSequence.Stream(replicationSeed, StreamKeys.Arrivals(fs.Name)), f, end));
        }
        if (scenario.Workload is not null) streams.Add(scenario.Workload.CreateStream(replicationSeed, end));
        return streams.ToArray();
    }

    /// <summary>The policy being driven (for tests that inspect its state).</summary>
    public IPoolPolicy Policy => _policy;

    /// <summary>Events processed so far.</summary>
    public long EventsProcessed => _processed;

    /// <summary>Runs to the end: arrivals stop at the scenario duration, calls in flight then drain.</summary>
    /// <param name="progress">Receives the fraction of simulated time done, now and then.</param>
    public RunSummary Run(Action<double>? progress = null, CancellationToken cancel = default)
    {
        _actions.Clear();
        _policy.OnStart(SimTime.Zero, _actions);
        Apply(SimTime.Zero);
        _openStreams = _streams.Length;
        for (int i = 0; i < _streams.Length; i++) PullArrival(i);
        if (_observer is not null) _events.Push(SimTime.Zero + _scenario.SampleInterval, (int)SimEventKind.Sample, new SimEvent(SimEventKind.Sample, 0, 0));

        double duration = _scenario.Duration.Micros;
        while ((_openStreams > 0 || _inFlight > 0) && _events.TryPop(out var now, out var e))
        {
            _lastEventTime = now.Micros;
            _processed++;
            if ((_processed & 0xFFFF) == 0)
            {
                cancel.ThrowIfCancellationRequested();
                progress?.Invoke(Math.Min(1.0, now.Micros / duration));
            }
            _actions.Clear();
            switch (e.Kind)
            {
                case SimEventKind.Arrival:
                    OnArrival(now, e.A, (int)e.B);
                    break;
                case SimEventKind.ContainerReady:
                    if (_trackStarts) FinishStart(now);
                    if (_policy.Containers.Generation((int)e.A) == (int)e.B && _policy.Containers.State(e.A) == ContainerState.Starting)
                        _policy.OnContainerReady(now, e.A, _actions);
                    break;
                case SimEventKind.CallCompleted:
                    OnCompleted(now, e.A, (int)e.B);
                    break;
                case SimEventKind.Timer:
                    _policy.OnTimer(now, e.B, _actions);
                    break;
                case SimEventKind.StartBatch:
                    BeginStarts(now);
                    break;
                case SimEventKind.Sample:
                    Sample(now);
                    _events.Push(now + _scenario.SampleInterval, (int)SimEventKind.Sample, e);
                    break;
            }
            Apply(now);
        }

        long endMicros = Math.Max(_scenario.Duration.Micros, _lastEventTime);
        _policy.Containers.Advance(new SimTime(endMicros));
        if (_metrics.Ended != _metrics.Arrivals || _inFlight != 0 || _policy.QueueLength != 0)
            throw new InvalidOperationException(
                $"conservation violated in {_scenario.Name}/{_model.Label}/rep {_replication}: {_metrics.Arrivals} arrivals, {_metrics.Ended} ended, {_inFlight} in flight, {_policy.QueueLength} queued");
        progress?.Invoke(1.0);
        return _metrics.Summarise(_scenario.Name, _model.Label, _replication, _seed, _policy.Containers, endMicros, _nodeNames);
    }

    private void PullArrival(int stream)
    {
        if (_streams[stream].TryNext(out var t, out int fn))
        {
            if (_traced[stream] is { } traced) _pendingExec[stream] = traced.Exec.Micros;
            _events.Push(t, (int)SimEventKind.Arrival, new SimEvent(SimEventKind.Arrival, stream, fn));
        }
        else
        {
            _openStreams--;
        }
    }

    private void OnArrival(SimTime now, int stream, int fn)
    {
        int id = NewCall();
        ref Call c = ref _calls[id];
        c.Invocation = _invocations++;
        c.Function = fn;
        c.Arrival = now.Micros;
        c.StartIssued = CallTimeline.NoStart;
        c.Assigned = -1;
        c.Exec = _traced[stream] is null ? _scenario.Functions[fn].Exec.Sample(_execRng[fn]) : new SimDuration(_pendingExec[stream]);
        c.Init = _scenario.Runtimes[_runtimeOf[fn]].Init.Sample(_initRng[fn]);
        c.WarmDispatch = c.PrewarmDispatch = 0;
        if (_dispatchRng[fn] is { } drng)
        {
            // drawn at arrival, both kinds, so every model sees the same overheads for the same call
            var rt = _scenario.Runtimes[_runtimeOf[fn]];
            if (rt.WarmDispatch is { } w) c.WarmDispatch = w.Sample(drng).Micros;
            if (rt.PrewarmDispatch is { } p) c.PrewarmDispatch = p.Sample(drng).Micros;
        }
        _metrics.OnArrival();
        _arrivalsInSample[_runtimeOf[fn]]++;
        _policy.OnArrival(now, id, fn, _actions);
        PullArrival(stream);
    }

    private void OnCompleted(SimTime now, int call, int container)
    {
        ref Call c = ref _calls[call];
        long dispatch = c.Type switch { StartType.Warm => c.WarmDispatch, StartType.Prewarm => c.PrewarmDispatch, _ => 0 };
        long initDone = c.Assigned + (c.Type == StartType.Warm ? 0 : c.Init.Micros);
        var timeline = new CallTimeline(c.Arrival, c.StartIssued, c.Assigned, c.Assigned, initDone, initDone + c.Exec.Micros, dispatch);
        var rec = timeline.ToRecord(c.Invocation, c.Function, _runtimeOf[c.Function], CallStatus.Completed, c.Type, c.Container);
        End(call, in rec);
        _policy.OnCallCompleted(now, call, container, true, _actions);
    }

    private void End(int call, in InvocationRecord rec)
    {
        _metrics.Add(in rec);
        _observer?.OnInvocation(in rec);
        FreeCall(call);
    }

    private void Apply(SimTime now)
    {
        foreach (ref readonly var a in _actions.Actions)
        {
            switch (a.Kind)
            {
                case ActionKind.StartContainer:
                {
                    var dist = a.Function >= 0 && _coldOf[a.Function] is { } own ? own : _scenario.Runtimes[a.Runtime].ColdStart;
                    var d = dist.Sample(_coldRng[a.Runtime]);
                    if (a.Call >= 0) _calls[a.Call].StartIssued = now.Micros;
                    if (_trackStarts)
                    {
                        var pending = new PendingStart(a.Container, _policy.Containers.Generation(a.Container), a.Runtime, d.Micros);
                        if (_startsRunning < _startCap) TakeSlot(now, in pending);
                        else _waitingStarts.Enqueue(pending);
                        break;
                    }
                    _events.Push(now + d, (int)SimEventKind.ContainerReady,
                        new SimEvent(SimEventKind.ContainerReady, a.Container, _policy.Containers.Generation(a.Container)));
                    break;
                }
                case ActionKind.Assign:
                {
                    ref Call c = ref _calls[a.Call];
                    c.Type = a.StartType;
                    c.Assigned = now.Micros;
                    c.Container = _policy.Containers.Serial(a.Container);
                    var busy = a.StartType == StartType.Warm ? c.Exec : c.Init + c.Exec;
                    _events.Push(now + busy, (int)SimEventKind.CallCompleted, new SimEvent(SimEventKind.CallCompleted, a.Call, a.Container));
                    break;
                }
                case ActionKind.SetTimer:
                    _events.Push(a.At < now ? now : a.At, (int)SimEventKind.Timer, new SimEvent(SimEventKind.Timer, 0, a.Token));
                    break;
                case ActionKind.Reject:
                {
                    ref Call c = ref _calls[a.Call];
                    var rec = CallTimeline.Unserved(c.Arrival, now.Micros).ToRecord(c.Invocation, c.Function, _runtimeOf[c.Function], CallStatus.Dropped, StartType.Cold);
                    End(a.Call, in rec);
                    break;
                }
                case ActionKind.RemoveContainer:
                    break; // the policy's table already freed it; nothing is simulated for removal
            }
        }
    }

    /// <summary>A start takes a slot; it begins at this instant's <see cref="SimEventKind.StartBatch"/>, with every other start that got one now.</summary>
    private void TakeSlot(SimTime now, in PendingStart p)
    {
        _startsRunning++;
        if (_beginning.Count == 0) _events.Push(now, (int)SimEventKind.StartBatch, new SimEvent(SimEventKind.StartBatch, 0, 0));
        _beginning.Add(p);
    }

    /// <summary>The starts that got a slot at this instant begin: each drawn duration is scaled by factor(k), k = starts now running.</summary>
    private void BeginStarts(SimTime now)
    {
        int k = _startsRunning;
        foreach (var p in _beginning)
        {
            long d = p.DrawnMicros;
            if (_contention[p.Runtime] is { } c && k > 1)
                d = (long)Math.Round(d * c.Factor(k), MidpointRounding.AwayFromZero);
            _events.Push(now + new SimDuration(d), (int)SimEventKind.ContainerReady, new SimEvent(SimEventKind.ContainerReady, p.Container, p.Generation));
        }
        _beginning.Clear();
    }

    /// <summary>
    /// A start ended (ready, or its container was already removed: the engine finishes it anyway) and
    /// frees its slot; waiting starts whose container the policy still wants begin now, in issue order.
    /// </summary>
    private void FinishStart(SimTime now)
    {
        _startsRunning--;
        while (_startsRunning < _startCap && _waitingStarts.TryDequeue(out var p))
        {
            if (_policy.Containers.Generation(p.Container) != p.Generation || _policy.Containers.State(p.Container) != ContainerState.Starting)
                continue; // removed while waiting: never started
            TakeSlot(now, in p);
        }
    }

    private void Sample(SimTime now)
    {
        double seconds = _scenario.SampleInterval.Seconds;
        var t = _policy.Containers;
        for (int r = 0; r < _arrivalsInSample.Length; r++)
        {
            var s = new TimeSample(now, r, _arrivalsInSample[r] / seconds, t.IdleOfRuntime(r), t.StartingOfRuntime(r), t.BusyOfRuntime(r), _policy.PoolTarget(r), _policy.QueueLength);
            _observer!.OnSample(in s);
            _arrivalsInSample[r] = 0;
        }
    }

    private int NewCall()
    {
        _inFlight++;
        if (_freeCount > 0) return _freeCalls[--_freeCount];
        if (_callHighWater == _calls.Length) Array.Resize(ref _calls, _calls.Length * 2);
        return _callHighWater++;
    }

    private void FreeCall(int id)
    {
        _inFlight--;
        if (_freeCount == _freeCalls.Length) Array.Resize(ref _freeCalls, _freeCalls.Length * 2);
        _freeCalls[_freeCount++] = id;
    }

    /// <summary>
    /// A copy of a per-function arrival stream that also draws each call's execution time from a copy
    /// of the function's <c>exec/</c> stream: the run draws one per arrival of that function in arrival
    /// order, so the k-th draw here is the k-th call's execution time there.
    /// </summary>
    private sealed class DrawnExecStream(IArrivalStream inner, Scenario scenario, ulong seed) : ITracedCallStream
    {
        private readonly Random?[] _rng = new Random?[scenario.Functions.Count];

        public SimDuration Exec { get; private set; }

        public bool TryNext(out SimTime time, out int function)
        {
            if (!inner.TryNext(out time, out function)) return false;
            var rng = _rng[function] ??= SeedSequence.Stream(seed, StreamKeys.Exec(scenario.Functions[function].Name));
            Exec = scenario.Functions[function].Exec.Sample(rng);
            return true;
        }
    }
}
