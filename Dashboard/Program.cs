using TraceApp.Dashboard;
using TraceApp.Dashboard.Configuration;

// Standalone dashboard: UI on 127.0.0.1:18888 (log in with the printed URL), OTLP/gRPC on 18889, OTLP/HTTP on 18890.
WebApplication app;
try
{
    app = DashboardWebApplication.Create(args);
}
catch (DashboardConfigurationException exception)
{
    Console.Error.WriteLine($"error: {exception.Message}");
    return DashboardConfigurationException.ExitCode;
}

await app.RunAsync();
return 0;
