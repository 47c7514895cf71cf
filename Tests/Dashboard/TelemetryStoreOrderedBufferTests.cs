using TraceApp.Dashboard.Storage;

namespace TraceApp.Tests.Dashboard;

/// <summary>
/// The sorted buffer under the trace and log lists, against a plain sorted list: random additions (mostly
/// newest, some far back), evictions, removals and re-sorting replacements.
/// </summary>
public sealed class TelemetryStoreOrderedBufferTests
{
    private sealed record Item(long Key, int Id);

    private sealed class ByKey : IComparer<Item>
    {
        public int Compare(Item? x, Item? y) => x!.Key != y!.Key ? x.Key.CompareTo(y.Key) : x.Id.CompareTo(y.Id);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Stays_sorted_through_random_operations(int seed)
    {
        var random = new Random(seed);
        var order = new ByKey();
        var buffer = new OrderedBuffer<Item>(order);
        var expected = new List<Item>();
        var nextId = 0;
        var newest = 0L;

        for (var step = 0; step < 20_000; step++)
        {
            var action = random.Next(100);
            if (action < 60 || expected.Count == 0)
            {
                newest += random.Next(3);
                var key = random.Next(10) == 0 ? newest - random.Next(1_000) : newest;
                var item = new Item(key, nextId++);
                buffer.Add(item);
                Insert(expected, item, order);
            }
            else if (action < 80)
            {
                Assert.Same(expected[0], buffer.RemoveFirst());
                expected.RemoveAt(0);
            }
            else if (action < 90)
            {
                var item = expected[random.Next(expected.Count)];
                buffer.Remove(item);
                expected.Remove(item);
            }
            else
            {
                var item = expected[random.Next(expected.Count)];
                var replacement = item with { Key = random.Next(2) == 0 ? item.Key : item.Key - random.Next(100) };
                buffer.Replace(item, replacement);
                expected.Remove(item);
                Insert(expected, replacement, order);
            }

            if (step % 1_000 == 0 || step == 19_999)
            {
                var copy = new Item[buffer.Count];
                buffer.CopyTo(copy);
                Assert.Equal(expected, copy);
            }
        }
    }

    [Fact]
    public void Removing_an_item_whose_key_changed_is_refused()
    {
        var buffer = new OrderedBuffer<Item>(new ByKey());
        buffer.Add(new Item(1, 1));

        Assert.Throws<InvalidOperationException>(() => buffer.Remove(new Item(2, 1)));
    }

    private static void Insert(List<Item> items, Item item, IComparer<Item> order)
    {
        var index = items.BinarySearch(item, order);
        items.Insert(index < 0 ? ~index : index, item);
    }
}
