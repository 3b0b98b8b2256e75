namespace Faas.Platform;

/// <summary>A FIFO of waiting calls (call id and function) in a ring buffer that only grows.</summary>
public sealed class CallQueue
{
    private (int Call, int Function)[] _items = new (int, int)[64];
    private int _head, _count;

    public int Count => _count;

    public void Enqueue(int call, int function)
    {
        if (_count == _items.Length)
        {
            var bigger = new (int, int)[_items.Length * 2];
            for (int i = 0; i < _count; i++) bigger[i] = _items[(_head + i) % _items.Length];
            _items = bigger;
            _head = 0;
        }
        _items[(_head + _count++) % _items.Length] = (call, function);
    }

    /// <summary>The oldest waiting call; only valid when <see cref="Count"/> &gt; 0.</summary>
    public (int Call, int Function) Peek() => _items[_head];

    public (int Call, int Function) Dequeue()
    {
        var x = _items[_head];
        _head = (_head + 1) % _items.Length;
        _count--;
        return x;
    }
}
