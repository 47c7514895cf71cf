using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TraceApp.Auth;

namespace TraceApp.Hosting.Cli;

/// <summary>
/// Points the <c>traceapp</c> CLI at the running application: a <c>cli.json</c> in the AppHost's data directory
/// (<c>.traceapp/</c> at the repository root by default) that the CLI finds from any folder below it, and the same
/// settings as environment variables for the AppHost's own <c>cli</c> resource.
/// </summary>
public static partial class CliConfigurationExtensions
{
    public const string FileName = "cli.json";

    /// <summary>The admin token's lifetime: longer than an AppHost usually runs (the file goes when it stops).</summary>
    public static readonly TimeSpan AdminTokenLifetime = TimeSpan.FromDays(7);

    /// <summary>Where <see cref="AddCliConfigFile"/> writes.</summary>
    public static string ConfigFilePath(IDistributedApplicationBuilder builder) => Path.Combine(TraceAppData.Root(builder), FileName);

    /// <summary>
    /// In run mode, writes <c>cli.json</c> (mode 0600) once the endpoints are allocated: the Api URL, an admin token
    /// signed with <paramref name="signingKey"/>, the key itself (for <c>traceapp token generate</c>), the dashboard's
    /// URL and telemetry API key, its OTLP endpoint and API key header. Deleted when the AppHost stops.
    /// </summary>
    public static IDistributedApplicationBuilder AddCliConfigFile(
        this IDistributedApplicationBuilder builder, IResourceBuilder<ProjectResource> api, IResourceBuilder<ParameterResource> signingKey)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(signingKey);
        if (!builder.ExecutionContext.IsRunMode)
        {
            return builder;
        }

        var path = ConfigFilePath(builder);
        builder.Eventing.Subscribe<AfterResourcesCreatedEvent>(async (e, ct) =>
        {
            var key = await signingKey.Resource.GetValueAsync(ct) ?? "";
            var dashboard = DashboardAccess.From(e.Model, e.Services.GetRequiredService<IConfiguration>());
            var contents = new
            {
                apiUrl = api.GetEndpoint("http").Url,
                token = TokenIssuer.Create(key, Roles.Admin, AdminTokenLifetime, subject: "apphost"),
                signingKey = key,
                dashboardUrl = dashboard.Url?.ToString(),
                dashboardApiKey = dashboard.ApiKey,
                otlpEndpoint = dashboard.OtlpEndpoint?.ToString(),
                otlpProtocol = dashboard.OtlpProtocol,
                otlpHeaders = dashboard.OtlpHeaders,
            };
            Write(path, JsonSerializer.Serialize(contents, new JsonSerializerOptions { WriteIndented = true }));
            e.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(() => File.Delete(path));
            LogWritten(e.Services.GetRequiredService<ILoggerFactory>().CreateLogger("TraceApp.Hosting"), path);
        });
        return builder;
    }

    /// <summary>
    /// The AppHost's <c>cli</c> resource gets what the file holds as <c>TRACEAPP_*</c> variables (Aspire already
    /// gives it the OTLP ones): the Api URL, an admin token, the dashboard's URL and API key.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithCliEnvironment(
        this IResourceBuilder<ProjectResource> cli, IResourceBuilder<ProjectResource> api, IResourceBuilder<ParameterResource> signingKey)
    {
        ArgumentNullException.ThrowIfNull(cli);
        return cli
            .WithEnvironment("TRACEAPP_API_URL", api.GetEndpoint("http"))
            .WithEnvironment(async context =>
            {
                var key = await signingKey.Resource.GetValueAsync(context.CancellationToken) ?? "";
                context.EnvironmentVariables["TRACEAPP_TOKEN"] = TokenIssuer.Create(key, Roles.Admin, AdminTokenLifetime, subject: "apphost");
                if (context.ExecutionContext.IsRunMode && context.ExecutionContext.Services is { } services)
                {
                    var dashboard = DashboardAccess.From(services.GetRequiredService<DistributedApplicationModel>(), services.GetRequiredService<IConfiguration>());
                    if (dashboard.Url is not null)
                    {
                        context.EnvironmentVariables["TRACEAPP_DASHBOARD_URL"] = dashboard.Url.ToString();
                    }

                    if (dashboard.ApiKey is not null)
                    {
                        context.EnvironmentVariables["TRACEAPP_DASHBOARD_API_KEY"] = dashboard.ApiKey;
                    }
                }
            });
    }

    /// <summary>Writes the file readable by its owner only (it holds a token and the signing key).</summary>
    private static void Write(string path, string json)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        }))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(json);
        }

        File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temporary, path, overwrite: true);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The traceapp CLI's settings are in {Path}")]
    private static partial void LogWritten(ILogger logger, string path);
}
