using System.CommandLine;
using System.Globalization;

namespace TraceApp.Cli.Commands.Client;

/// <summary>
/// The query of the API's synchronous endpoints (<c>/node/*</c>, <c>/network/*</c>): the target, and with
/// <c>--timeout</c> how many seconds the API waits for the worker before it answers 504 (exit code 5).
/// </summary>
public static class SyncQuery
{
    public static Option<int?> TimeoutOption() => new("--timeout")
    {
        Description = "Seconds the API waits for the worker's answer (the API's default is 30); then exit code 5 with the job id.",
        Recursive = true,
    };

    public static string For(CommandSession session, Option<int?> timeout)
    {
        var query = $"?target={Uri.EscapeDataString(session.Settings.Target)}";
        return session.Parse.GetValue(timeout) is { } seconds ? query + "&timeout=" + seconds.ToString(CultureInfo.InvariantCulture) : query;
    }
}
