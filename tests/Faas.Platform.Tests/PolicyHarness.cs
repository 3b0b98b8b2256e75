using Faas.Engine;
using Faas.Platform.Policies;

namespace Faas.Platform.Tests;

/// <summary>
/// Drives a policy by hand, as a driver would, and records its actions. Builders with defaults:
/// one runtime "python" (128 MiB), <c>functions</c> functions of it, unlimited memory unless given.
/// </summary>
internal sealed class PolicyHarness
{
    private readonly ActionBuffer _buffer = new();

    public PolicyHarness(Func<PlatformSpec, IPoolPolicy> create, int functions = 2, long clusterBytes = long.MaxValue, int runtimes = 1)
    {
        Spec = new PlatformSpec(clusterBytes);
        for (int r = 0; r < runtimes; r++) Spec.AddRuntime(r == 0 ? "python" : $"rt{r}", 128L << 20);
        for (int f = 0; f < functions; f++) Spec.AddFunction(f % runtimes, 128L << 20);
        Policy = create(Spec);
    }

    public PlatformSpec Spec { get; }
    public IPoolPolicy Policy { get; }

    public static PolicyHarness KeepAlive(string ttl = "10m", int functions = 2, long clusterBytes = long.MaxValue) =>
        new(s => new KeepAlivePolicy(s, new KeepAliveOptions(Units.TryParseDuration(ttl, out _)!.Value)), functions, clusterBytes);

    public static PolicyHarness Prewarm(PrewarmPoolOptions? o = null, int functions = 2, long clusterBytes = long.MaxValue, int runtimes = 1) =>
        new(s => new PrewarmPoolPolicy(s, o ?? PrewarmPoolOptions.Default), functions, clusterBytes, runtimes);

    public static PolicyHarness ColdOnly(int functions = 2, long clusterBytes = long.MaxValue) =>
        new(s => new ColdOnlyPolicy(s), functions, clusterBytes);

    public static SimTime At(double seconds) => SimTime.FromSeconds(seconds);

    public PolicyAction[] Start(double t = 0) => Do(b => Policy.OnStart(At(t), b));
    public PolicyAction[] Arrive(double t, int call, int fn) => Do(b => Policy.OnArrival(At(t), call, fn, b));
    public PolicyAction[] Ready(double t, int container) => Do(b => Policy.OnContainerReady(At(t), container, b));
    public PolicyAction[] Complete(double t, int call, int container, bool healthy = true) => Do(b => Policy.OnCallCompleted(At(t), call, container, healthy, b));
    public PolicyAction[] Timer(double t, long token) => Do(b => Policy.OnTimer(At(t), token, b));

    private PolicyAction[] Do(Action<ActionBuffer> a)
    {
        _buffer.Clear();
        a(_buffer);
        return _buffer.Actions.ToArray();
    }

    /// <summary>Serves a call end to end: arrival, (ready if a container was started for it), returns the Assign action.</summary>
    public PolicyAction Serve(double t, int call, int fn)
    {
        var acts = Arrive(t, call, fn);
        var assign = acts.FirstOrDefault(a => a.Kind == ActionKind.Assign && a.Call == call);
        if (assign.Kind == ActionKind.Assign) return assign; // default(PolicyAction) is a StartContainer
        var start = acts.Single(a => a.Kind == ActionKind.StartContainer && a.Call == call);
        return Ready(t, start.Container).Single(a => a.Kind == ActionKind.Assign && a.Call == call);
    }
}
