using System.Collections.Concurrent;

namespace TraceApp.Dashboard.Storage;

/// <summary>
/// Shares one instance of each repeated string (attribute keys, span names, common values) among stored items,
/// so thousands of spans do not each keep their own copy of "http.request.method". The pool starts over when it
/// holds too many strings or characters, so high-cardinality values cannot grow it without bound; strings
/// already shared stay valid.
/// </summary>
internal sealed class StringPool(int maxEntries = 16_384, int maxCharacters = 1 << 20, int maxLength = 512)
{
    private ConcurrentDictionary<string, string> _strings = new(StringComparer.Ordinal);
    private int _entries;
    private int _characters;

    public string Intern(string value)
    {
        if (value.Length == 0)
        {
            return string.Empty;
        }

        if (value.Length > maxLength)
        {
            return value;
        }

        var strings = Volatile.Read(ref _strings);
        if (strings.TryGetValue(value, out var shared))
        {
            return shared;
        }

        if (!strings.TryAdd(value, value))
        {
            return strings.TryGetValue(value, out shared) ? shared : value;
        }

        if (Interlocked.Increment(ref _entries) > maxEntries
            || Interlocked.Add(ref _characters, value.Length) > maxCharacters)
        {
            StartOver(strings);
        }

        return value;
    }

    private void StartOver(ConcurrentDictionary<string, string> full)
    {
        if (Interlocked.CompareExchange(ref _strings, new(StringComparer.Ordinal), full) == full)
        {
            Volatile.Write(ref _entries, 0);
            Volatile.Write(ref _characters, 0);
        }
    }
}
