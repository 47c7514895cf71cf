using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Context.Propagation;

namespace TraceApp.Tests.Telemetry;

public sealed class PropagatorTests
{
    [Fact]
    public void Service_defaults_install_w3c_trace_context_and_baggage_as_the_process_propagator()
    {
        Host.CreateApplicationBuilder().AddServiceDefaults();
        var context = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);
        var carrier = new Dictionary<string, string>();

        Propagators.DefaultTextMapPropagator.Inject(
            new PropagationContext(context, Baggage.Create(new Dictionary<string, string> { ["tenant"] = "acme" })),
            carrier, (c, key, value) => c[key] = value);

        Assert.Equal($"00-{context.TraceId.ToHexString()}-{context.SpanId.ToHexString()}-01", carrier["traceparent"]);
        Assert.Equal("tenant=acme", carrier["baggage"]);
    }
}
