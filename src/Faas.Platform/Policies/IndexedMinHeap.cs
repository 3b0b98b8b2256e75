namespace Faas.Platform.Policies;

/// <summary>
/// A binary min-heap of small integer ids (containers, functions) keyed by a double, with the
/// position of every id kept so that its key can be changed or the id removed in O(log n). Ties
/// break by id, so the order is deterministic. Arrays only grow: no allocation in steady state,
/// and memory is O(ids), never O(operations) (unlike a heap with lazily deleted stale entries).
/// </summary>
public sealed class IndexedMinHeap
{
    private int[] _heap = new int[64];   // ids
    private double[] _key = new double[64]; // by id
    private int[] _pos = CreatePositions(64); // by id; −1 when absent
    private int _count;

    public int Count => _count;

    public bool Contains(int id) => id < _pos.Length && _pos[id] >= 0;

    /// <summary>The id with the smallest key (ties: smallest id); only when <see cref="Count"/> &gt; 0.</summary>
    public int Min => _heap[0];

    public double KeyOf(int id) => _key[id];

    /// <summary>Inserts <paramref name="id"/> or changes its key.</summary>
    public void Set(int id, double key)
    {
        if (id >= _pos.Length) Grow(id);
        _key[id] = key;
        int p = _pos[id];
        if (p < 0)
        {
            if (_count == _heap.Length) Array.Resize(ref _heap, _heap.Length * 2);
            _heap[_count] = id;
            _pos[id] = _count;
            Up(_count++);
        }
        else
        {
            Up(p);
            Down(_pos[id]);
        }
    }

    /// <summary>Removes <paramref name="id"/> if present.</summary>
    public void Remove(int id)
    {
        if (!Contains(id)) return;
        int p = _pos[id];
        _pos[id] = -1;
        int last = _heap[--_count];
        if (p == _count) return;
        _heap[p] = last;
        _pos[last] = p;
        Up(p);
        Down(_pos[last]);
    }

    /// <summary>Removes and returns the id with the smallest key.</summary>
    public int Pop()
    {
        int id = _heap[0];
        Remove(id);
        return id;
    }

    private bool Less(int a, int b) => _key[a] < _key[b] || (_key[a] == _key[b] && a < b);

    private void Up(int i)
    {
        int id = _heap[i];
        while (i > 0)
        {
            int parent = (i - 1) >> 1;
            if (!Less(id, _heap[parent])) break;
            _heap[i] = _heap[parent];
            _pos[_heap[i]] = i;
            i = parent;
        }
        _heap[i] = id;
        _pos[id] = i;
    }

    private void Down(int i)
    {
        int id = _heap[i];
        while (true)
        {
            int c = 2 * i + 1;
            if (c >= _count) break;
            if (c + 1 < _count && Less(_heap[c + 1], _heap[c])) c++;
            if (!Less(_heap[c], id)) break;
            _heap[i] = _heap[c];
            _pos[_heap[i]] = i;
            i = c;
        }
        _heap[i] = id;
        _pos[id] = i;
    }

    private void Grow(int id)
    {
        int n = Math.Max(id + 1, _pos.Length * 2);
        int old = _pos.Length;
        Array.Resize(ref _pos, n);
        Array.Resize(ref _key, n);
        _pos.AsSpan(old).Fill(-1);
    }

    private static int[] CreatePositions(int n)
    {
        var a = new int[n];
        a.AsSpan().Fill(-1);
        return a;
    }
}
