using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace TraceApp.Dashboard.Storage;

/// <summary>
/// A duration comparison as typed in a filter box: an operator (<c>&gt; &lt; &gt;= &lt;= = !=</c>) and a duration with
/// a unit (<c>ns</c>, <c>us</c> or <c>µs</c>, <c>ms</c>, <c>s</c>, <c>m</c>), e.g. <c>&gt;250ms</c>, <c>&lt;=1s</c>,
/// <c>=0.5s</c>. A leading <c>duration</c> keyword is allowed (<c>duration&gt;250ms</c>).
/// </summary>
public sealed record DurationFilter(ComparisonOperator Operator, long Nanoseconds)
{
    private const string Expected = "expected an operator (> < >= <= = !=) followed by a number and a unit (ns, us, µs, ms, s, m), e.g. '>250ms'";

    // Longest first, so that '>=' is not read as '>' followed by '=...'.
    private static readonly (string Text, ComparisonOperator Operator)[] Operators =
    [
        (">=", ComparisonOperator.GreaterThanOrEqual), ("<=", ComparisonOperator.LessThanOrEqual),
        ("!=", ComparisonOperator.NotEqual), ("==", ComparisonOperator.Equal),
        (">", ComparisonOperator.GreaterThan), ("<", ComparisonOperator.LessThan), ("=", ComparisonOperator.Equal),
    ];

    private static readonly (string Text, long Nanoseconds)[] Units =
    [
        ("ns", 1), ("us", 1_000), ("µs", 1_000), ("μs", 1_000), ("ms", 1_000_000), ("s", 1_000_000_000), ("m", 60_000_000_000),
    ];

    public TimeSpan Threshold => UnixNanos.ToTimeSpan(Nanoseconds);

    public bool IsMatch(TimeSpan duration) => IsMatch(duration.Ticks * 100);

    public bool IsMatch(long durationNanoseconds) => Operator switch
    {
        ComparisonOperator.Equal => durationNanoseconds == Nanoseconds,
        ComparisonOperator.NotEqual => durationNanoseconds != Nanoseconds,
        ComparisonOperator.GreaterThan => durationNanoseconds > Nanoseconds,
        ComparisonOperator.GreaterThanOrEqual => durationNanoseconds >= Nanoseconds,
        ComparisonOperator.LessThan => durationNanoseconds < Nanoseconds,
        ComparisonOperator.LessThanOrEqual => durationNanoseconds <= Nanoseconds,
        _ => false,
    };

    public static DurationFilter Parse(string text) =>
        TryParse(text, out var filter, out var error) ? filter : throw new FormatException(error);

    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out DurationFilter? filter) =>
        TryParse(text, out filter, out _);

    private static bool TryParse(string? text, [NotNullWhen(true)] out DurationFilter? filter, out string error)
    {
        filter = null;
        var rest = (text ?? "").AsSpan().Trim();
        if (rest.StartsWith("duration", StringComparison.OrdinalIgnoreCase))
        {
            rest = rest["duration".Length..].TrimStart();
        }

        if (rest.IsEmpty)
        {
            error = $"The duration filter is empty: {Expected}.";
            return false;
        }

        var op = FindOperator(rest);
        if (op.Text is null)
        {
            error = $"'{text}' does not start with a comparison operator: {Expected}.";
            return false;
        }

        rest = rest[op.Text.Length..].Trim();
        var numberLength = 0;
        while (numberLength < rest.Length && (char.IsAsciiDigit(rest[numberLength]) || rest[numberLength] == '.'))
        {
            numberLength++;
        }

        if (numberLength == 0
            || !decimal.TryParse(rest[..numberLength], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            error = $"'{text}' has no valid number after '{op.Text}': {Expected}.";
            return false;
        }

        var unitText = rest[numberLength..].Trim();
        if (unitText.IsEmpty)
        {
            error = $"'{text}' has no unit: {Expected}.";
            return false;
        }

        var unit = FindUnit(unitText);
        if (unit.Text is null)
        {
            error = $"'{text}' has an unknown unit '{unitText}': {Expected}.";
            return false;
        }

        if (number > long.MaxValue / unit.Nanoseconds)
        {
            error = $"'{text}' is too long a duration: the longest is about 292 years.";
            return false;
        }

        filter = new DurationFilter(op.Operator, (long)decimal.Round(number * unit.Nanoseconds));
        error = "";
        return true;
    }

    private static (string Text, ComparisonOperator Operator) FindOperator(ReadOnlySpan<char> text)
    {
        foreach (var op in Operators)
        {
            if (text.StartsWith(op.Text, StringComparison.Ordinal))
            {
                return op;
            }
        }

        return default;
    }

    private static (string Text, long Nanoseconds) FindUnit(ReadOnlySpan<char> text)
    {
        foreach (var unit in Units)
        {
            if (text.Equals(unit.Text, StringComparison.OrdinalIgnoreCase))
            {
                return unit;
            }
        }

        return default;
    }

    /// <summary>The filter in the form <see cref="Parse"/> reads, with the largest unit that keeps it exact.</summary>
    public override string ToString()
    {
        var op = Operators.First(o => o.Operator == Operator && o.Text != "==").Text;
        var unit = Units.Where(u => u.Text is not ("µs" or "μs")).Reverse()
            .FirstOrDefault(u => Nanoseconds % u.Nanoseconds == 0 && Nanoseconds >= u.Nanoseconds, ("ns", 1));
        return string.Create(CultureInfo.InvariantCulture, $"{op}{Nanoseconds / unit.Nanoseconds}{unit.Text}");
    }
}
