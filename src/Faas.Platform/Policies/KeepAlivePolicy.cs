using Faas.Engine;

namespace Faas.Platform.Policies;

/// <summary>
/// <c>keep-alive</c> (OpenWhisk / Lambda style): after a call its container keeps the function's
/// code and is reused for the same function (a warm start) until it has been idle for
/// <see cref="KeepAliveOptions.Ttl"/>. A call with no idle container of its function is a cold
/// start. A call takes the most recently used idle container of its function, so surplus
/// containers age out. When memory is full the least recently used idle container (of any
/// function) is evicted; if that cannot make room the call waits in a FIFO queue.
/// </summary>
public sealed class KeepAlivePolicy(PlatformSpec spec, KeepAliveOptions options) : PoolPolicyBase(spec)
{
    public const string Name = "keep-alive";
    public override string Model => Name;
    public KeepAliveOptions Options { get; } = options;

    protected override bool TryServe(SimTime now, int call, int function, bool mayStart, ActionBuffer actions)
    {
        int c = Containers.MostRecentIdle(function);
        if (c >= 0)
        {
            Containers.SetBusy(now, c, function);
            actions.Assign(call, c, function, StartType.Warm);
            return true;
        }
        return mayStart && TryStartBound(now, call, function, actions);
    }

    protected override void Release(SimTime now, int container, bool healthy, ActionBuffer actions)
    {
        if (!healthy)
        {
            RemoveContainer(now, container, actions);
            return;
        }
        Containers.SetIdle(now, container, Containers.Function(container));
        if (!Options.Ttl.IsInfinite)
            actions.SetTimer(now + Options.Ttl, ExpiryToken(container, Containers.Generation(container)));
    }

    protected override void Pooled(SimTime now, int container, ActionBuffer actions) =>
        RemoveContainer(now, container, actions); // keep-alive starts containers only for calls

    public override void OnTimer(SimTime now, long token, ActionBuffer actions)
    {
        int c = (int)(token & 0xFFFFFFFF);
        int gen = (int)(token >> 32);
        if (Containers.State(c) == ContainerState.Idle && Containers.Generation(c) == gen)
            RemoveContainer(now, c, actions);
    }

    /// <summary>Timer token for the expiry of container <paramref name="c"/> in idle period <paramref name="generation"/>; stale once the container is used or removed.</summary>
    public static long ExpiryToken(int c, int generation) => ((long)generation << 32) | (uint)c;
}
