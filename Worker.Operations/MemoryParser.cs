using System.Globalization;

namespace TraceApp.Worker.Operations;

/// <summary>Parses /proc/meminfo lines such as "MemTotal:       16384256 kB".</summary>
public static class MemoryParser
{
    private static readonly string[] RequiredFields = ["MemTotal", "MemFree", "MemAvailable", "SwapTotal", "SwapFree"];

    public static MemoryResult Parse(string text)
    {
        var bytes = new Dictionary<string, long>(StringComparer.Ordinal);
        var lines = text.Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var line = lines[index].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var (field, value) = ParseLine(line, index + 1);
            bytes[field] = value;
        }

        var missing = RequiredFields.Where(field => !bytes.ContainsKey(field)).ToArray();
        if (missing.Length > 0)
        {
            throw new NodeFileFormatException(NodeFiles.MemoryInfo, $"missing {string.Join(", ", missing)}.");
        }

        return new MemoryResult(
            TotalBytes: bytes["MemTotal"],
            AvailableBytes: bytes["MemAvailable"],
            FreeBytes: bytes["MemFree"],
            UsedBytes: bytes["MemTotal"] - bytes["MemAvailable"],
            SwapTotalBytes: bytes["SwapTotal"],
            SwapFreeBytes: bytes["SwapFree"]);
    }

    private static (string Field, long Bytes) ParseLine(string line, int lineNumber)
    {
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            throw new NodeFileFormatException(NodeFiles.MemoryInfo, $"'{line}' is not 'Field: value'.", lineNumber);
        }

        var field = line[..colon];
        var parts = line[(colon + 1)..].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is 0 or > 2
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            throw new NodeFileFormatException(NodeFiles.MemoryInfo, $"{field} has no whole number.", lineNumber);
        }

        // Counts such as HugePages_Total have no unit; sizes are in "kB", which the kernel means as KiB.
        return parts.Length == 1 ? (field, amount)
            : parts[1] == "kB" ? (field, checked(amount * 1024))
            : throw new NodeFileFormatException(NodeFiles.MemoryInfo, $"{field} has unknown unit '{parts[1]}'.", lineNumber);
    }
}
