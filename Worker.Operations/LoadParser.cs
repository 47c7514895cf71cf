using System.Globalization;

namespace TraceApp.Worker.Operations;

/// <summary>Parses /proc/loadavg: "0.52 0.58 0.59 2/1234 56789".</summary>
public static class LoadParser
{
    public static LoadResult Parse(string text)
    {
        var fields = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 4)
        {
            throw new NodeFileFormatException(
                NodeFiles.LoadAverage, $"expected three load averages and running/total, found {fields.Length} fields.", 1);
        }

        var processes = fields[3].Split('/');
        if (processes.Length != 2)
        {
            throw new NodeFileFormatException(NodeFiles.LoadAverage, $"'{fields[3]}' is not running/total processes.", 1);
        }

        return new LoadResult(
            ParseLoad(fields[0]), ParseLoad(fields[1]), ParseLoad(fields[2]),
            ParseCount(processes[0]), ParseCount(processes[1]));
    }

    private static double ParseLoad(string field) =>
        double.TryParse(field, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var load)
            ? load
            : throw new NodeFileFormatException(NodeFiles.LoadAverage, $"'{field}' is not a load average.", 1);

    private static int ParseCount(string field) =>
        int.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            ? count
            : throw new NodeFileFormatException(NodeFiles.LoadAverage, $"'{field}' is not a process count.", 1);
}
