using System.Globalization;

namespace TraceApp.Worker.Operations;

/// <summary>Parses /proc/uptime: "&lt;seconds since boot&gt; &lt;idle seconds of all CPUs&gt;".</summary>
public static class UptimeParser
{
    public static UptimeResult Parse(string text)
    {
        var fields = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length == 0)
        {
            throw new NodeFileFormatException(NodeFiles.Uptime, "the file is empty.");
        }

        if (!double.TryParse(fields[0], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds))
        {
            throw new NodeFileFormatException(NodeFiles.Uptime, $"'{fields[0]}' is not a number of seconds.", 1);
        }

        return new UptimeResult(seconds, Describe(TimeSpan.FromSeconds(seconds)));
    }

    /// <summary>Days, hours and minutes, leaving out leading zero parts ("0 minutes" under a minute).</summary>
    public static string Describe(TimeSpan uptime)
    {
        var parts = new List<string>(3);
        if (uptime.Days > 0)
        {
            parts.Add(Plural(uptime.Days, "day"));
        }

        if (parts.Count > 0 || uptime.Hours > 0)
        {
            parts.Add(Plural(uptime.Hours, "hour"));
        }

        parts.Add(Plural(uptime.Minutes, "minute"));
        return string.Join(", ", parts);
    }

    private static string Plural(int count, string unit) =>
        count == 1 ? $"1 {unit}" : $"{count.ToString(CultureInfo.InvariantCulture)} {unit}s";
}
