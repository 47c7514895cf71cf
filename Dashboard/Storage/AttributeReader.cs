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
            result[i] = new(strings.Intern(attribute.Key), strings.Intern(AnyValueText.Format(attribute.Value, options.MaxAttributeLength)));
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(result);
    }

    public ImmutableArray<KeyValuePair<string, string>> Read(RepeatedField<KeyValue> attributes) => Read(attributes, out _);

    /// <summary>A name, key or message: truncated to the attribute length limit and shared when it repeats.</summary>
    public string Text(string value) => strings.Intern(AnyValueText.Truncate(value, options.MaxAttributeLength));

    public string? OptionalText(string value) => value.Length == 0 ? null : Text(value);

    /// <summary>An identity (service name, instance id, scope): shared but never cut short, so it still names the same thing.</summary>
    public string Identity(string value) => strings.Intern(value);
}
