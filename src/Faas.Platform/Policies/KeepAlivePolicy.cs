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
        int c = Containers.MostRecentUsable(function);
        if (c >= 0 && Options.TtlFromStart) LastStart(c) = now.Micros;
        return AssignIdle(now, call, function, c, StartType.Warm, actions) || mayStart && TryStartBound(now, call, function, actions);
    }

    protected override void Release(SimTime now, int container, bool healthy, ActionBuffer actions)
    {
        if (!healthy)
        {
            RemoveContainer(now, container, actions);
            return;
        }
        if (Options.TtlFromStart && !Options.Ttl.IsInfinite && Due(container, now) <= now)
        {
            RemoveContainer(now, container, actions); // its call outlived the ttl
            return;
        }
        Containers.SetIdle(now, container, Containers.Function(container));
        if (Options.Ttl.IsInfinite) return;
        // At most one pending expiry timer per container: if one is already pending (set in an
        // earlier idle period, so due no later than now + ttl), it re-arms itself when it fires.
        // This keeps the event queue as small as the number of containers, not of calls.
        int inc = Containers.Incarnation(container);
        if (PendingFor(container) != inc)
        {
            _pendingFor[container] = inc;
            actions.SetTimer(Due(container, now), ExpiryToken(container, inc));
        }
    }

    protected override void Pooled(SimTime now, int container, ActionBuffer actions) =>
        RemoveContainer(now, container, actions); // keep-alive starts containers only for calls

    public override void OnTimer(SimTime now, long token, ActionBuffer actions)
    {
        int c = (int)(token & 0xFFFFFFFF);
        int inc = (int)(token >> 32);
        if (PendingFor(c) == inc) _pendingFor[c] = 0;
        if (Containers.State(c) != ContainerState.Idle || Containers.Incarnation(c) != inc) return; // busy (re-armed when idle again) or gone
        var due = Due(c, Containers.IdleSince(c));
        if (due <= now)
        {
            RemoveContainer(now, c, actions);
            return;
        }
        _pendingFor[c] = inc;
        actions.SetTimer(due, token);
    }

    protected override bool DropWhenFull => Options.DropWhenFull;

    /// <summary>When idle container <paramref name="c"/> (idle since <paramref name="idleSince"/>) expires: ttl after its last call ended, or (ttl_from: start) after it started — a container used once was started for that call.</summary>
    private SimTime Due(int c, SimTime idleSince) =>
        !Options.TtlFromStart ? idleSince + Options.Ttl
        : (Containers.Uses(c) <= 1 ? Containers.StartedAt(c) : new SimTime(LastStart(c))) + Options.Ttl;

    private long[] _lastStart = [];

    private ref long LastStart(int c)
    {
        if (c >= _lastStart.Length) Array.Resize(ref _lastStart, Math.Max(c + 1, Math.Max(64, _lastStart.Length * 2)));
        return ref _lastStart[c];
    }

    private int[] _pendingFor = new int[64];

    private int PendingFor(int c)
    {
        if (c >= _pendingFor.Length) Array.Resize(ref _pendingFor, Math.Max(c + 1, _pendingFor.Length * 2));
        return _pendingFor[c];
    }

    /// <summary>Timer token for the expiry of the container in slot <paramref name="c"/> (incarnation <paramref name="incarnation"/>); stale once that container is gone.</summary>
    public static long ExpiryToken(int c, int incarnation) => ((long)incarnation << 32) | (uint)c;
}
