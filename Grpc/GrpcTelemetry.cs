using System.Diagnostics;
using Grpc.Core;
using OpenTelemetry;
using OpenTelemetry.Context.Propagation;

namespace TraceApp.Grpc;

/// <summary>
/// The Grpc library's spans (ActivitySource <c>TraceApp.Grpc</c>): a Client span around each call made through
/// <see cref="Client.GrpcChannels"/> and a Server span around each gRPC request served, both named
/// <c>package.Service/Method</c> with the <c>rpc.*</c> semantic-convention attributes. The caller's context travels
/// as <c>traceparent</c>/<c>tracestate</c>/<c>baggage</c> metadata, written and read by the process propagator.
/// </summary>
public static class GrpcTelemetry
{
    public const string SourceName = "TraceApp.Grpc";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>Starts a Client span for <paramref name="fullMethod"/> (<c>/package.Service/Method</c>).</summary>
    public static Activity? StartClient(string fullMethod) => Start(fullMethod, ActivityKind.Client, default);

    /// <summary>Starts a Server span parented to the context the caller sent in <paramref name="headers"/>.</summary>
    public static Activity? StartServer<TCarrier>(string fullMethod, TCarrier headers, Func<TCarrier, string, IEnumerable<string>?> getter)
    {
        var parent = Propagators.DefaultTextMapPropagator.Extract(default, headers, getter);
        Baggage.Current = parent.Baggage;
        return Start(fullMethod, ActivityKind.Server, parent.ActivityContext);
    }

    /// <summary>
    /// Writes the current context (the client span, or whatever trace is current when nobody records) into
    /// <paramref name="metadata"/>; nothing when there is no trace and no baggage.
    /// </summary>
    public static void Inject(Activity? activity, Metadata metadata)
    {
        var context = activity?.Context ?? Activity.Current?.Context ?? default;
        var baggage = Baggage.Current;
        if (context == default && baggage.Count == 0)
        {
            return;
        }

        Propagators.DefaultTextMapPropagator.Inject(
            new PropagationContext(context, baggage), metadata, static (m, key, value) => m.Add(key, value));
    }

    /// <summary>Whether a call made now has a trace or baggage to carry even without a span of its own.</summary>
    public static bool HasContextToPropagate() => Activity.Current is not null || Baggage.Current.Count > 0;

    /// <summary>Ends <paramref name="activity"/> with the call's status; any code but OK marks it as an error.</summary>
    public static void Complete(Activity? activity, StatusCode code, string? message)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag("rpc.grpc.status_code", (int)code);
        if (code != StatusCode.OK)
        {
            activity.SetStatus(ActivityStatusCode.Error, string.IsNullOrEmpty(message) ? code.ToString() : message);
        }

        activity.Stop();
    }

    private static Activity? Start(string fullMethod, ActivityKind kind, ActivityContext parent)
    {
        var (service, method) = Split(fullMethod);
        var activity = Source.StartActivity($"{service}/{method}", kind, parent);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("rpc.system", "grpc");
            activity.SetTag("rpc.service", service);
            activity.SetTag("rpc.method", method);
        }

        return activity;
    }

    /// <summary><c>/package.Service/Method</c> → (<c>package.Service</c>, <c>Method</c>).</summary>
    internal static (string Service, string Method) Split(string fullMethod)
    {
        var path = fullMethod.AsSpan().TrimStart('/');
        var slash = path.LastIndexOf('/');
        return slash < 0 ? (path.ToString(), "") : (path[..slash].ToString(), path[(slash + 1)..].ToString());
    }
}
