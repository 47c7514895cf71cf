namespace TraceApp.Api.Infrastructure;

public static class RequiredConnectionStrings
{
    /// <summary>Exit code of a configuration error, as for bad telemetry settings (EX_CONFIG).</summary>
    public const int ConfigurationErrorExitCode = 78;

    /// <summary>
    /// A missing connection string stops the program at start with one <c>error:</c> line on stderr and exit code 78,
    /// instead of a stack trace (or, for the database, a program that starts and fails every request).
    /// </summary>
    public static void RequireConnectionStrings(this IHostApplicationBuilder builder, params string[] names)
    {
        var missing = names.Where(name => string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(name))).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        Console.Error.WriteLine(
            $"error: missing connection string{(missing.Count > 1 ? "s" : "")} " +
            $"{string.Join(", ", missing.Select(name => $"ConnectionStrings:{name} (env ConnectionStrings__{name})"))}; the AppHost sets them.");
        Environment.Exit(ConfigurationErrorExitCode);
    }
}
