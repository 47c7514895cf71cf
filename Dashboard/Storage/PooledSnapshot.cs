using System.Buffers;

namespace TraceApp.Dashboard.Storage;

/// <summary>
/// A copy of a store's items, oldest first, taken under its lock so the query can then filter without holding it.
/// The array is pooled (100,000 references would otherwise be a fresh large-object allocation per query) and
/// cleared on return so it keeps no evicted item alive.
/// </summary>
internal readonly struct PooledSnapshot<T>(T[] array, int count) : IDisposable
    where T : class
{
    public ReadOnlySpan<T> Items => array.AsSpan(0, count);

    public static PooledSnapshot<T> Copy(OrderedBuffer<T> buffer)
    {
        var array = ArrayPool<T>.Shared.Rent(Math.Max(buffer.Count, 1));
        buffer.CopyTo(array);
        return new PooledSnapshot<T>(array, buffer.Count);
    }

    public void Dispose() => ArrayPool<T>.Shared.Return(array, clearArray: true);
}
