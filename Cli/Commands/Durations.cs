using System.CommandLine.Parsing;
using System.Globalization;

namespace TraceApp.Cli.Commands;

/// <summary>Durations on the command line: <c>90s</c>, <c>30m</c>, <c>12h</c>, <c>7d</c>, or a TimeSpan such as <c>01:30:00</c>.</summary>
public static class Durations
{
    public static TimeSpan? TryParse(string text)
    {
        text = text.Trim();
        if (text.Length > 1 && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount > 0)
        {
            switch (text[^1])
            {
                case 's': return TimeSpan.FromSeconds(amount);
                case 'm': return TimeSpan.FromMinutes(amount);
                case 'h': return TimeSpan.FromHours(amount);
                case 'd': return TimeSpan.FromDays(amount);
            }
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero ? span : null;
    }

    public static TimeSpan Parse(ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        if (TryParse(text) is { } duration)
        {
            return duration;
        }

        result.AddError($"'{text}' is not a duration: use e.g. 90s, 30m, 12h, 7d.");
        return default;
    }
}
