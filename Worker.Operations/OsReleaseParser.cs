using System.Text;

namespace TraceApp.Worker.Operations;

/// <summary>
/// Parses os-release(5): KEY=value lines, values optionally in single or double quotes with backslash escapes;
/// blank lines and # comments are skipped.
/// </summary>
public static class OsReleaseParser
{
    public static IReadOnlyDictionary<string, string> Parse(string text)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = text.Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var line = lines[index].Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || !line[..equals].All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '_'))
            {
                throw new NodeFileFormatException(NodeFiles.OsRelease, $"'{line}' is not KEY=value.", index + 1);
            }

            values[line[..equals]] = Unquote(line[(equals + 1)..], index + 1);
        }

        return values;
    }

    public static OsResult ToResult(IReadOnlyDictionary<string, string> osRelease, string kernelRelease) =>
        new(
            osRelease.GetValueOrDefault("NAME"),
            osRelease.GetValueOrDefault("VERSION_ID"),
            osRelease.GetValueOrDefault("PRETTY_NAME"),
            osRelease.GetValueOrDefault("ID"),
            kernelRelease.Trim());

    private static string Unquote(string value, int lineNumber)
    {
        if (value.Length == 0 || (value[0] != '"' && value[0] != '\''))
        {
            return value;
        }

        var quote = value[0];
        if (value.Length < 2 || value[^1] != quote)
        {
            throw new NodeFileFormatException(NodeFiles.OsRelease, $"unterminated quote in {value}.", lineNumber);
        }

        var unquoted = new StringBuilder(value.Length);
        for (var i = 1; i < value.Length - 1; i++)
        {
            if (value[i] == '\\' && quote == '"' && i + 1 < value.Length - 1)
            {
                i++;
            }

            unquoted.Append(value[i]);
        }

        return unquoted.ToString();
    }
}
