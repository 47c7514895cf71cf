using TraceApp.Dashboard.Configuration;
using TraceApp.Dashboard.Otlp;

// Standalone dashboard: OTLP/gRPC on 127.0.0.1:18889 and OTLP/HTTP on 127.0.0.1:18890 (Dashboard:Otlp:*).
// Until the telemetry store and the UI (18888) arrive, exports are only counted.
var builder = WebApplication.CreateBuilder(args);
try
{
    builder.AddDashboardOtlp();
}
catch (DashboardConfigurationException exception)
{
    Console.Error.WriteLine($"error: {exception.Message}");
    return DashboardConfigurationException.ExitCode;
}

builder.Services.AddSingleton<IOtlpSink, CountingOtlpSink>();
var app = builder.Build();
app.MapDashboardOtlp();
await app.RunAsync();
return 0;
