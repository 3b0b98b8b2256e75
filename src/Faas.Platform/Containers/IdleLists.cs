using System.Diagnostics.CodeAnalysis;

namespace Faas.Platform.Containers;

/// <summary>
/// The idle containers in intrusive doubly linked lists, ordered by the time they became idle
/// (oldest at the head): one list per key (a function for keep-alive, a runtime for a generic pool;
/// the policy chooses) and one LRU list per node. Appending, removing, "most recently idle of key k",
/// "longest idle of k" and "longest idle on node n" are O(1) with no allocation. The links are
/// embedded in the containers' records (<see cref="ContainerRecord.Idle"/>, readable by anyone);
/// this type holds the list heads and does all the linking, so the list invariants are its alone.
/// <para>
/// Each record keeps the time it joined the lists (<see cref="IdleLink.Since"/>): it orders them,
/// and it stays readable after the container leaves (the last time it became idle) until a new
/// container starts in its slot.
/// </para>
/// <para>
/// A mutable struct, held by value in <see cref="ContainerTable"/> (no extra indirection on the hot
/// path) and used in place: never copy it (a copy's heads would go stale).
/// </para>
/// </summary>
internal struct IdleLists
{
    private int[] _keyHead = [];
    private int[] _keyTail = [];
    private int[] _keyCount = [];
    private readonly int[] _lruHead;
    private readonly int[] _lruTail;

    /// <param name="nodeCount">Nodes, each with its own LRU list.</param>
    public IdleLists(int nodeCount)
    {
        _lruHead = new int[nodeCount];
        _lruTail = new int[nodeCount];
        _lruHead.AsSpan().Fill(-1);
        _lruTail.AsSpan().Fill(-1);
    }

    /// <summary>
    /// Files container <paramref name="id"/> of <paramref name="slots"/> as the most recently idle
    /// under <paramref name="key"/> and on <paramref name="node"/>, idle since <paramref name="since"/>
    /// (which must not be earlier than the lists' latest, so the lists stay in time order).
    /// </summary>
    public void Append(ref ContainerSlots slots, int id, int key, int node, long since)
    {
        ref IdleLink l = ref slots.IdleLinkOf(id);
        if (l.Key >= 0) ThrowListed(id, l.Key);
        if (key >= _keyCount.Length) GrowKeys(key);
        _keyCount[key]++;
        l.Key = key;
        l.Node = node;
        l.Since = since;
        l.PrevKey = _keyTail[key];
        l.NextKey = -1;
        if (l.PrevKey >= 0) slots.IdleLinkOf(l.PrevKey).NextKey = id; else _keyHead[key] = id;
        _keyTail[key] = id;
        l.PrevLru = _lruTail[node];
        l.NextLru = -1;
        if (l.PrevLru >= 0) slots.IdleLinkOf(l.PrevLru).NextLru = id; else _lruHead[node] = id;
        _lruTail[node] = id;
    }

    /// <summary>Takes container <paramref name="id"/> out of its key's list and its node's list (it stops being idle).</summary>
    public void Remove(ref ContainerSlots slots, int id)
    {
        ref IdleLink l = ref slots.IdleLinkOf(id);
        if (l.Key < 0) ThrowNotListed(id);
        _keyCount[l.Key]--;
        if (l.PrevKey >= 0) slots.IdleLinkOf(l.PrevKey).NextKey = l.NextKey; else _keyHead[l.Key] = l.NextKey;
        if (l.NextKey >= 0) slots.IdleLinkOf(l.NextKey).PrevKey = l.PrevKey; else _keyTail[l.Key] = l.PrevKey;
        if (l.PrevLru >= 0) slots.IdleLinkOf(l.PrevLru).NextLru = l.NextLru; else _lruHead[l.Node] = l.NextLru;
        if (l.NextLru >= 0) slots.IdleLinkOf(l.NextLru).PrevLru = l.PrevLru; else _lruTail[l.Node] = l.PrevLru;
        l.PrevKey = l.NextKey = l.PrevLru = l.NextLru = -1;
        l.Key = -1;
    }

    /// <summary>Idle containers under <paramref name="key"/>.</summary>
    public readonly int Count(int key) => IndexedCounts.At(_keyCount, key);

    /// <summary>The most recently idle container of <paramref name="key"/>, or −1.</summary>
    public readonly int MostRecent(int key) => key < _keyTail.Length ? _keyTail[key] : -1;

    /// <summary>The longest idle container of <paramref name="key"/>, or −1.</summary>
    public readonly int LeastRecent(int key) => key < _keyHead.Length ? _keyHead[key] : -1;

    /// <summary>The longest idle container on <paramref name="node"/>, or −1.</summary>
    public readonly int LeastRecentOnNode(int node) => _lruHead[node];

    /// <summary>The longest idle container of all nodes (the LRU victim), or −1; between nodes idle since the same time, the first node's.</summary>
    public readonly int LeastRecentOverall(in ContainerSlots slots)
    {
        if (_lruHead.Length == 1) return _lruHead[0];
        int best = -1;
        foreach (int head in _lruHead)
            if (head >= 0 && (best < 0 || slots[head].Idle.Since < slots[best].Idle.Since)) best = head;
        return best;
    }

    private void GrowKeys(int key)
    {
        IndexedCounts.Grow(ref _keyHead, key, -1);
        IndexedCounts.Grow(ref _keyTail, key, -1);
        IndexedCounts.Grow(ref _keyCount, key);
    }

    [DoesNotReturn]
    private static void ThrowListed(int id, int key) => throw new InvalidOperationException($"container {id} is already idle under key {key}");

    [DoesNotReturn]
    private static void ThrowNotListed(int id) => throw new InvalidOperationException($"container {id} is not idle");
}
