using TraceApp.Tests.Api;

namespace TraceApp.Tests.Dispatch;

/// <summary>
/// The Api (spans on stdout) with short timeouts on a throw-away PostgreSQL and nats-server, without workers: the
/// test plays them through the store and sees every publish on its <c>jobs.&gt;</c> subscriber.
/// </summary>
public sealed class RedispatchSystem()
    : JobsApiFixture(ShortTimeouts.Environment(new Dictionary<string, string?> { ["TRACEAPP_TELEMETRY_TRACING_EXPORTER"] = "stdout" }), ShortTimeouts.StoreOptions);
