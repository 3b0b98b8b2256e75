using Faas.Engine;

namespace Faas.Platform;

/// <summary>
/// Where a policy writes its actions for one event. The driver reads <see cref="Actions"/> in
/// order, then calls <see cref="Clear"/>. The array only grows, so steady state does not allocate.
/// </summary>
public sealed class ActionBuffer
{
    private PolicyAction[] _items = new PolicyAction[16];
    private int _count;

    /// <summary>The actions written since the last <see cref="Clear"/>, in order.</summary>
    public ReadOnlySpan<PolicyAction> Actions => _items.AsSpan(0, _count);

    public int Count => _count;

    public void Clear() => _count = 0;

    private void Add(in PolicyAction a)
    {
        if (_count == _items.Length) Array.Resize(ref _items, _items.Length * 2);
        _items[_count++] = a;
    }

    /// <summary>Start container <paramref name="container"/> of <paramref name="runtime"/>; bound to <paramref name="call"/> (a cold start) or −1 for the pool; <paramref name="function"/> is the function it is started for, or −1 for a generic pool container.</summary>
    public void StartContainer(int container, int runtime, int function, long memoryBytes, int call) =>
        Add(new PolicyAction(ActionKind.StartContainer, container, call, runtime, function, memoryBytes, StartType.Cold, default, 0));

    /// <summary>Run <paramref name="call"/> of <paramref name="function"/> on <paramref name="container"/>, classified as <paramref name="type"/>.</summary>
    public void Assign(int call, int container, int function, StartType type) =>
        Add(new PolicyAction(ActionKind.Assign, container, call, -1, function, 0, type, default, 0));

    public void Remove(int container) =>
        Add(new PolicyAction(ActionKind.RemoveContainer, container, -1, -1, -1, 0, StartType.Cold, default, 0));

    public void SetTimer(SimTime at, long token) =>
        Add(new PolicyAction(ActionKind.SetTimer, -1, -1, -1, -1, 0, StartType.Cold, at, token));

    public void Reject(int call) =>
        Add(new PolicyAction(ActionKind.Reject, -1, call, -1, -1, 0, StartType.Cold, default, 0));
}
