namespace TraceApp.Dashboard.Storage;

/// <summary>
/// Items kept sorted, oldest first, in an array with free room at both ends: new items (nearly always the newest)
/// go in at or near the end, eviction takes the first in O(1), and the live range moves back to the start of the
/// array only when it reaches the end, so every operation costs O(1) amortised plus the distance from its
/// position to the nearer end. Not thread-safe: the owning store locks around it.
/// </summary>
internal sealed class OrderedBuffer<T>(IComparer<T> order)
    where T : class
{
    private T[] _items = new T[16];
    private int _head;
    private int _count;

    public int Count => _count;

    public T this[int index] => _items[_head + index];

    public T First => _items[_head];

    public void Add(T item)
    {
        var index = _count == 0 || order.Compare(item, _items[_head + _count - 1]) >= 0 ? _count : Position(item);
        if (index < _count / 2 && _head > 0)
        {
            // Nearer the start: shift the earlier items one place left into the free room.
            Array.Copy(_items, _head, _items, _head - 1, index);
            _head--;
        }
        else
        {
            EnsureRoomAtEnd();
            Array.Copy(_items, _head + index, _items, _head + index + 1, _count - index);
        }

        _items[_head + index] = item;
        _count++;
    }

    public T RemoveFirst()
    {
        var first = _items[_head];
        _items[_head] = null!;
        _head++;
        _count--;
        if (_count == 0)
        {
            _head = 0;
        }

        return first;
    }

    /// <summary>Removes an item that is in the buffer; its sort key must not have changed since it was added.</summary>
    public void Remove(T item)
    {
        var index = IndexOf(item);
        if (index < _count / 2)
        {
            Array.Copy(_items, _head, _items, _head + 1, index);
            _items[_head] = null!;
            _head++;
        }
        else
        {
            Array.Copy(_items, _head + index + 1, _items, _head + index, _count - index - 1);
            _items[_head + _count - 1] = null!;
        }

        _count--;
    }

    /// <summary>Puts <paramref name="replacement"/> where <paramref name="item"/> was, or re-sorts it when its key moved.</summary>
    public void Replace(T item, T replacement)
    {
        if (order.Compare(item, replacement) == 0)
        {
            _items[_head + IndexOf(item)] = replacement;
            return;
        }

        Remove(item);
        Add(replacement);
    }

    /// <summary>Copies the items, oldest first, into <paramref name="destination"/>.</summary>
    public void CopyTo(Span<T> destination) => _items.AsSpan(_head, _count).CopyTo(destination);

    private int IndexOf(T item)
    {
        var index = Array.BinarySearch(_items, _head, _count, item, order);
        if (index < 0 || !ReferenceEquals(_items[index], item))
        {
            throw new InvalidOperationException("The item is not in the buffer, or its sort key changed after it was added.");
        }

        return index - _head;
    }

    private int Position(T item)
    {
        var index = Array.BinarySearch(_items, _head, _count, item, order);
        return (index < 0 ? ~index : index) - _head;
    }

    private void EnsureRoomAtEnd()
    {
        if (_head + _count < _items.Length)
        {
            return;
        }

        // Move back to the start when at least half the array is free; otherwise grow, so that a full-size
        // buffer that evicts one item per added item moves its contents once every Count additions.
        var target = _count <= _items.Length / 2 ? _items : new T[_items.Length * 2];
        Array.Copy(_items, _head, target, 0, _count);
        if (ReferenceEquals(target, _items))
        {
            Array.Clear(_items, _count, _head);
        }

        _items = target;
        _head = 0;
    }
}
