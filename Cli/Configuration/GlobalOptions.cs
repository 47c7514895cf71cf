using System.CommandLine;

namespace TraceApp.Cli.Configuration;

/// <summary>The options every command takes (recursive on the root command).</summary>
public sealed class GlobalOptions
{
    public Option<bool> Json { get; } = new("--json") { Description = "Print the API's answer as JSON instead of text.", Recursive = true };

    public Option<bool> Debug { get; } = new("--debug") { Description = "Write debug logs to stderr, each with its trace_id.", Recursive = true };

    public Option<string?> ApiUrl { get; } = new("--api-url")
    {
        Description = $"Base URL of the API (env {CliSettings.ApiUrlVariable}, else .traceapp/cli.json, else {CliSettings.DefaultApiUrl}).",
        Recursive = true,
    };

    public Option<string?> Token { get; } = new("--token")
    {
        Description = $"Bearer token for the API (env {CliSettings.TokenVariable}, else the AppHost's admin token in .traceapp/cli.json).",
        Recursive = true,
    };

    public Option<string?> Target { get; } = new("--target")
    {
        Description = $"Which worker runs the job: _any (one, load-balanced; default), _all (every live worker), host:<name> (env {CliSettings.TargetVariable}).",
        Recursive = true,
    };

    public Option<bool> ShowTrace { get; } = new("--show-trace")
    {
        Description = "After the command, print its trace from the dashboard as a waterfall once every process's spans have arrived.",
        Recursive = true,
    };

    public GlobalOptions()
    {
        ApiUrl.Validators.Add(result =>
        {
            if (result.Tokens.Count == 1 && CliSettings.TryParseUrl(result.Tokens[0].Value) is null)
            {
                result.AddError($"--api-url must be an absolute http:// or https:// URL, not '{result.Tokens[0].Value}'.");
            }
        });
    }

    public void AddTo(Command root)
    {
        root.Options.Add(Json);
        root.Options.Add(Debug);
        root.Options.Add(ApiUrl);
        root.Options.Add(Token);
        root.Options.Add(Target);
        root.Options.Add(ShowTrace);
    }

    public CliFlags FlagsFrom(ParseResult parse) => new(parse.GetValue(ApiUrl), parse.GetValue(Token), parse.GetValue(Target));
}
