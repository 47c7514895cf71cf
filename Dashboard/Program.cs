using TraceApp.Dashboard.Otlp;

// Standalone until the Dashboard issue: an OTLP/HTTP receiver (default http://127.0.0.1:18890) that keeps what it
// receives in memory and reports counts at GET /.
var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseUrls(builder.Configuration["urls"] ?? "http://127.0.0.1:18890");
var telemetry = new ReceivedTelemetry();
var app = builder.Build();
app.MapOtlpHttp(telemetry);
app.MapGet("/", () => new { spans = telemetry.Spans.Count, logBatches = telemetry.Logs.Count, metricBatches = telemetry.Metrics.Count });
app.Run();
