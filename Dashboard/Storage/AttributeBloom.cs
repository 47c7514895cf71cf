namespace TraceApp.Dashboard.Storage;

/// <summary>
/// A 256-bit Bloom filter of the key/value pairs of a trace's span attributes. An attribute filter skips every
/// trace whose bits rule the pair out without reading its spans, which at 100,000 traces is most of the cost of
/// the query. Keys are mixed in by length only, so hashing costs one string hash per attribute.
/// </summary>
internal readonly record struct AttributeBloom(ulong A, ulong B, ulong C, ulong D)
{
    public static int Hash(string key, string value) =>
        HashCode.Combine(value.GetHashCode(StringComparison.Ordinal), key.Length);

    public AttributeBloom With(int hash) => Set(Set(this, hash & 0xff), (hash >> 8) & 0xff);

    public AttributeBloom Union(AttributeBloom other) => new(A | other.A, B | other.B, C | other.C, D | other.D);

    public bool MightContain(int hash) => IsSet(hash & 0xff) && IsSet((hash >> 8) & 0xff);

    private static AttributeBloom Set(AttributeBloom bloom, int bit)
    {
        var mask = 1UL << (bit & 63);
        return (bit >> 6) switch
        {
            0 => bloom with { A = bloom.A | mask },
            1 => bloom with { B = bloom.B | mask },
            2 => bloom with { C = bloom.C | mask },
            _ => bloom with { D = bloom.D | mask },
        };
    }

    private bool IsSet(int bit)
    {
        var word = (bit >> 6) switch
        {
            0 => A,
            1 => B,
            2 => C,
            _ => D,
        };
        return (word & (1UL << (bit & 63))) != 0;
    }
}
