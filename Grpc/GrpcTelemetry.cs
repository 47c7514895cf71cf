using System.Diagnostics;

namespace TraceApp.Grpc;

/// <summary>The Grpc library's ActivitySource: client and server spans named <c>package.Service/Method</c>.</summary>
public static class GrpcTelemetry
{
    public const string SourceName = "TraceApp.Grpc";

    public static readonly ActivitySource Source = new(SourceName);
}
