using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Google.Protobuf.Collections;
using TraceApp.Dashboard.Otlp.Common;

namespace TraceApp.Dashboard.Storage;

/// <summary>
/// Turns OTLP attributes and names into the store's compact form: text values, the count and length limits
/// applied (to values, not keys: a cut key would no longer be found), repeated strings shared through the pool.
/// </summary>
internal sealed class AttributeReader(TelemetryStoreOptions options, StringPool strings)
{
    public int MaxLength => options.MaxAttributeLength;

    public ImmutableArray<KeyValuePair<string, string>> Read(RepeatedField<KeyValue> attributes, out int dropped)
    {
        AttributeBloom unused = default;
        return Read(attributes, out dropped, ref unused, withBloom: false);
    }

    public ImmutableArray<KeyValuePair<string, string>> Read(RepeatedField<KeyValue> attributes) => Read(attributes, out _);

    /// <summary>Reads attributes and adds each kept pair to <paramref name="bloom"/>.</summary>
    public ImmutableArray<KeyValuePair<string, string>> Read(RepeatedField<KeyValue> attributes, out int dropped, ref AttributeBloom bloom) =>
        Read(attributes, out dropped, ref bloom, withBloom: true);

    /// <summary>A name, key or message: truncated to the attribute length limit and shared when it repeats.</summary>
    public string Text(string value) => strings.Intern(AnyValueText.Truncate(value, options.MaxAttributeLength));

    public string? OptionalText(string value) => value.Length == 0 ? null : Text(value);

    /// <summary>An identity (service name, instance id, scope): shared but never cut short, so it still names the same thing.</summary>
    public string Identity(string value) => strings.Intern(value);

    private ImmutableArray<KeyValuePair<string, string>> Read(
        RepeatedField<KeyValue> attributes, out int dropped, ref AttributeBloom bloom, bool withBloom)
    {
        var kept = Math.Min(attributes.Count, options.MaxAttributeCount);
        dropped = attributes.Count - kept;
        if (kept == 0)
        {
            return [];
        }

        var result = new KeyValuePair<string, string>[kept];
        for (var i = 0; i < kept; i++)
        {
            var attribute = attributes[i];
            var key = strings.Intern(attribute.Key);
            var value = strings.Intern(AnyValueText.Format(attribute.Value, options.MaxAttributeLength));
            result[i] = new(key, value);
            if (withBloom)
            {
                bloom = bloom.With(AttributeBloom.Hash(key, value));
            }
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(result);
    }
}
