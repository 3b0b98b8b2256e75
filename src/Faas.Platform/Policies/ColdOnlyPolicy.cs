using Faas.Engine;

namespace Faas.Platform.Policies;

/// <summary>
/// <c>cold-only</c>: every call creates its own container, which is removed after the call. The
/// upper bound on latency and the lower bound on idle memory (there is none).
/// </summary>
public sealed class ColdOnlyPolicy(PlatformSpec spec) : PoolPolicyBase(spec)
{
    public const string Name = "cold-only";
    public override string Model => Name;

    protected override bool TryServe(SimTime now, int call, int function, bool mayStart, ActionBuffer actions) =>
        mayStart && TryStartBound(now, call, function, actions);

    protected override void Release(SimTime now, int container, bool healthy, ActionBuffer actions) =>
        RemoveContainer(now, container, actions);

    protected override void Pooled(SimTime now, int container, ActionBuffer actions) =>
        RemoveContainer(now, container, actions);
}
