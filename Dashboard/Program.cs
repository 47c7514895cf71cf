using TraceApp.Dashboard.Frontend;
using TraceApp.Dashboard.Otlp;

// Standalone dashboard: the UI on 18888 and an OTLP/HTTP receiver on 18890 (127.0.0.1).
var builder = WebApplication.CreateBuilder(args);
var frontend = builder.AddDashboardFrontend();
builder.WebHost.UseUrls(frontend.EndpointUrl, builder.Configuration["Dashboard:Otlp:HttpEndpointUrl"] ?? "http://127.0.0.1:18890");
var telemetry = new ReceivedTelemetry();

var app = builder.Build();
app.MapDashboardFrontend();
app.MapGroup("").AllowAnonymous().MapOtlpHttp(telemetry); // OTLP has its own key check
app.Run();
