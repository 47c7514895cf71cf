using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace TraceApp.Dashboard.Frontend;

/// <summary>Prints where to open the dashboard once it serves: with the token when one is needed.</summary>
internal sealed partial class LoginUrlAnnouncer(
    FrontendOptions frontend, FrontendEndpoint endpoint, IHostApplicationLifetime lifetime, ILogger<LoginUrlAnnouncer> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            var url = endpoint.Endpoint.Address.ToString().TrimEnd('/');
            LogLoginUrl(logger, frontend.AuthMode == FrontendAuthMode.BrowserToken ? $"{url}/login?t={frontend.BrowserToken}" : url);
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Login to the dashboard at {LoginUrl}")]
    private static partial void LogLoginUrl(ILogger logger, string loginUrl);
}
