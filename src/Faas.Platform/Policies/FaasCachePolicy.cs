using Faas.Engine;

namespace Faas.Platform.Policies;

/// <summary>
/// <c>faascache</c>: keep-alive as caching with Greedy-Dual-Size-Frequency eviction (Fuerst and
/// Sharma, "FaasCache: keeping serverless computing alive with greedy-dual caching", ASPLOS 2021).
/// Containers have no timeout: an idle container stays until memory is needed. Each function f has
/// a priority, recomputed whenever one of its containers is used (warm or cold):
/// <c>priority_f = clock + frequency_f · cost_f / size_f</c>, where frequency is the calls served by
/// f's live containers (it falls when one is evicted), cost the expected cold-start overhead
/// (<see cref="PlatformSpec.FunctionColdCostSeconds"/>: mean start + mean injection, seconds) and
/// size the container memory (MiB). All idle containers of f share f's priority, as in the
/// authors' simulator. Under memory pressure the idle container of the lowest-priority function is
/// evicted (its longest-idle one) and <c>clock</c> becomes that priority, so that functions not
/// used since age relative to fresh ones. Functions with an idle container sit in an indexed heap:
/// O(log functions) per event.
/// </summary>
public sealed class FaasCachePolicy(PlatformSpec spec, FaasCacheOptions options) : PoolPolicyBase(spec)
{
    public const string Name = "faascache";
    private const double BytesPerMiB = 1024.0 * 1024.0;

    private readonly IndexedMinHeap _idleFunctions = new();
    private double[] _priority = new double[64];
    private long[] _frequency = new long[64];

    public override string Model => Name;
    public FaasCacheOptions Options { get; } = options;

    /// <summary>The Greedy-Dual clock: the priority of the last evicted function.</summary>
    public double Clock { get; private set; }

    /// <summary>The current priority of <paramref name="function"/> (for tests).</summary>
    public double Priority(int function) => function < _priority.Length ? _priority[function] : 0;

    /// <summary>Calls served by the live containers of <paramref name="function"/>.</summary>
    public long Frequency(int function) => function < _frequency.Length ? _frequency[function] : 0;

    protected override bool DropWhenFull => Options.DropWhenFull;

    protected override bool TryServe(SimTime now, int call, int function, bool mayStart, ActionBuffer actions)
    {
        Ensure(function);
        if (!AssignIdle(now, call, function, Containers.MostRecentUsable(function), StartType.Warm, actions)
            && (!mayStart || !TryStartBound(now, call, function, actions)))
        {
            return false;
        }
        Used(function);
        return true;
    }

    /// <summary>A container of <paramref name="f"/> serves a call: frequency and priority go up; all its idle clones share the new priority.</summary>
    private void Used(int f)
    {
        _frequency[f]++;
        double size = Math.Max(1.0, Spec.FunctionMemory(f) / BytesPerMiB);
        _priority[f] = Clock + _frequency[f] * Spec.FunctionColdCostSeconds(f) / size;
        if (Containers.IdleOfKey(f) > 0) _idleFunctions.Set(f, _priority[f]);
        else _idleFunctions.Remove(f);
    }

    protected override void Release(SimTime now, int container, bool healthy, ActionBuffer actions)
    {
        int f = Containers.Function(container);
        if (!healthy)
        {
            _frequency[f] -= Containers.Uses(container);
            RemoveContainer(now, container, actions);
            return;
        }
        Containers.SetIdle(now, container, f);
        _idleFunctions.Set(f, _priority[f]);
    }

    protected override void Pooled(SimTime now, int container, ActionBuffer actions) =>
        RemoveContainer(now, container, actions); // every container is started for a call

    protected override int EvictionVictim() => Containers.LeastRecentIdle(_idleFunctions.Min);

    protected override double EvictionRank(int container) => _priority[Containers.Function(container)];

    protected override void OnEvicting(SimTime now, int container)
    {
        int f = Containers.Function(container);
        Clock = _priority[f];
        _frequency[f] -= Containers.Uses(container);
        if (Containers.IdleOfKey(f) == 1) _idleFunctions.Remove(f); // its last idle container goes
    }

    private void Ensure(int f)
    {
        if (f < _priority.Length) return;
        int n = Math.Max(f + 1, _priority.Length * 2);
        Array.Resize(ref _priority, n);
        Array.Resize(ref _frequency, n);
    }
}
