using Faas.Engine;

namespace Faas.Platform.Policies;

/// <summary>
/// Removal deadlines of idle containers with at most one effective timer per container: the
/// event queue stays as small as the number of containers, not of calls. A policy sets a
/// container's deadline whenever it becomes idle (<see cref="Set"/>); the timer fires at the
/// earliest deadline armed and re-arms itself if the deadline moved later meanwhile. Tokens are
/// positive (incarnation·2^32 + slot), so policies keep negative tokens for their own timers.
/// </summary>
public sealed class ContainerExpiry
{
    private long[] _due = new long[64];

    public ContainerExpiry() => _timerAt.AsSpan().Fill(-1);
    private long[] _timerAt = new long[64];   // fire time of the live timer, −1 when none
    private int[] _timerFor = new int[64];    // incarnation the live timer belongs to

    /// <summary>The deadline of <paramref name="container"/> (meaningful while it is idle).</summary>
    public SimTime Due(int container) => new(_due[container]);

    /// <summary>Sets the deadline of idle container <paramref name="c"/> to <paramref name="due"/> (<see cref="SimTime.MaxValue"/>: never).</summary>
    public void Set(SimTime now, ContainerTable table, int c, SimTime due, ActionBuffer actions)
    {
        Ensure(c);
        _due[c] = due.Micros;
        if (due.Micros >= SimTime.MaxValue.Micros / 2) return;
        int inc = table.Incarnation(c);
        long at = Math.Max(due.Micros, now.Micros);
        if (_timerFor[c] == inc && _timerAt[c] >= 0 && _timerAt[c] <= at) return; // the live timer fires first and re-arms
        _timerFor[c] = inc;
        _timerAt[c] = at;
        actions.SetTimer(new SimTime(at), Token(c, inc));
    }

    /// <summary>True for tokens made by this class.</summary>
    public static bool Owns(long token) => token > 0;

    /// <summary>
    /// Handles an expiry timer: returns the container whose deadline passed (idle, same incarnation)
    /// for the policy to remove, or −1 (stale timer, busy container, or re-armed for a later deadline).
    /// </summary>
    public int OnTimer(SimTime now, ContainerTable table, long token, ActionBuffer actions)
    {
        int c = (int)(token & 0xFFFFFFFF);
        int inc = (int)(token >> 32);
        Ensure(c);
        if (_timerFor[c] != inc || _timerAt[c] != now.Micros) return -1; // superseded by an earlier timer
        _timerAt[c] = -1;
        if (table.Incarnation(c) != inc || table.State(c) != ContainerState.Idle) return -1; // gone, or busy: re-armed when idle again
        if (_due[c] <= now.Micros) return c;
        if (_due[c] >= SimTime.MaxValue.Micros / 2) return -1;
        _timerAt[c] = _due[c];
        actions.SetTimer(new SimTime(_due[c]), token);
        return -1;
    }

    public static long Token(int c, int incarnation) => ((long)incarnation << 32) | (uint)c;

    private void Ensure(int c)
    {
        if (c < _due.Length) return;
        int n = Math.Max(c + 1, _due.Length * 2);
        Array.Resize(ref _due, n);
        int old = _timerAt.Length;
        Array.Resize(ref _timerAt, n);
        _timerAt.AsSpan(old).Fill(-1);
        Array.Resize(ref _timerFor, n);
    }
}
