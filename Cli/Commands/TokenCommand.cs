using System.CommandLine;
using TraceApp.Auth;
using TraceApp.Cli.Configuration;

namespace TraceApp.Cli.Commands;

/// <summary><c>traceapp token generate --role admin|write|read [--expires 12h]</c>: mints a bearer token for the API.</summary>
public static class TokenCommand
{
    public static Command Create(CliRuntime runtime)
    {
        var role = new Option<string>("--role")
        {
            Description = "admin or write (every permission), read (node, network and job reads).",
            Required = true,
        };
        role.Validators.Add(result =>
        {
            if (result.Tokens.Count == 1 && !Roles.IsKnown(result.Tokens[0].Value))
            {
                result.AddError($"--role must be one of {string.Join(", ", Roles.All)}, not '{result.Tokens[0].Value}'.");
            }
        });
        var expires = new Option<TimeSpan>("--expires")
        {
            Description = $"How long the token is valid (default {TokenIssuer.DefaultLifetime.TotalHours:0}h; e.g. 30m, 12h, 7d).",
            DefaultValueFactory = _ => TokenIssuer.DefaultLifetime,
            CustomParser = Durations.Parse,
        };
        var signingKey = new Option<string?>("--signing-key")
        {
            Description = $"The API's signing key (env {CliSettings.SigningKeyVariable}, else the AppHost's .traceapp/cli.json).",
        };
        var generate = new Command("generate", "Print a new token for the given role (pass it with --token or TRACEAPP_TOKEN).") { role, expires, signingKey };
        runtime.SetAction(generate, (session, _) =>
        {
            var key = session.Parse.GetValue(signingKey) ?? session.Settings.SigningKey
                ?? throw new CliException(ExitCodes.Usage, $"no signing key: pass --signing-key, set {CliSettings.SigningKeyVariable}, or run the AppHost (it writes .traceapp/cli.json).");
            if (TokenSettings.Explain(key) is { } problem)
            {
                throw new CliException(ExitCodes.Usage, problem.Replace(TokenSettings.SigningKeyConfigKey, "the signing key", StringComparison.Ordinal));
            }

            Console.Out.WriteLine(TokenIssuer.Create(key, session.Parse.GetValue(role)!, session.Parse.GetValue(expires)));
            return Task.FromResult(ExitCodes.Ok);
        });
        return new Command("token", "Bearer tokens for the API.") { generate };
    }
}
