using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TraceApp.Benchmarks.Grpc;
using TraceApp.Grpc;
using TraceApp.Grpc.Client;
using TraceApp.Grpc.Server;

namespace TraceApp.Benchmarks;

/// <summary>
/// Unary round trip (p50/p99) and calls/s with 1 and 16 concurrent callers: TraceApp's gRPC client and server
/// against the same handler reached by a plain HTTP/2 POST of the same protobuf bytes (the baseline), on one
/// h2c Kestrel server in this process, in one run.
/// </summary>
public static class GrpcBenchmark
{
    private const int CallsPerRound = 40_000;

    public static async Task RunAsync()
    {
        await using var app = await StartServerAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        using var channels = new GrpcChannels();
        var grpc = channels.CreateClient(address, invoker => new Bench.BenchClient(invoker));
        using var http = new HttpClient(new SocketsHttpHandler { EnableMultipleHttp2Connections = true, ActivityHeadersPropagator = null });
        var request = new BenchMessage { Id = "order-42", Sequence = 7, Payload = ByteString.CopyFrom(new byte[100]) };
        var requestBytes = request.ToByteArray();

        Func<Task> grpcCall = async () => await grpc.EchoAsync(request);
        Func<Task> plainCall = async () =>
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(address, "/plain/echo"))
            {
                Version = HttpVersion.Version20,
                VersionPolicy = HttpVersionPolicy.RequestVersionExact,
                Content = new ByteArrayContent(requestBytes) { Headers = { ContentType = new MediaTypeHeaderValue("application/x-protobuf") } },
            };
            using var response = await http.SendAsync(message);
            BenchMessage.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync());
        };

        Console.WriteLine($"Unary echo of a {requestBytes.Length}-byte message, {CallsPerRound:N0} calls per round, server and clients in one process");
        Console.WriteLine("| Caller | Concurrency | p50 | p99 | Calls/s | Calls/s vs plain |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var concurrency in new[] { 1, 16 })
        {
            var plain = await MeasureAsync(plainCall, concurrency);
            var traceApp = await MeasureAsync(grpcCall, concurrency);
            Result recorded;
            using (RecordSpans())
            {
                recorded = await MeasureAsync(grpcCall, concurrency);
            }

            Print("plain HTTP/2 POST (baseline)", concurrency, plain, plain);
            Print("TraceApp gRPC", concurrency, traceApp, plain);
            Print("TraceApp gRPC, client + server spans recorded", concurrency, recorded, plain);
        }

        await app.StopAsync();
    }

    private sealed record Result(double P50, double P99, double CallsPerSecond);

    private static async Task<Result> MeasureAsync(Func<Task> call, int concurrency)
    {
        for (var i = 0; i < 2_000; i++)
        {
            await call(); // warm-up
        }

        var perCaller = CallsPerRound / concurrency;
        var micros = new double[perCaller * concurrency];
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(caller => Task.Run(async () =>
        {
            for (var i = 0; i < perCaller; i++)
            {
                var start = Stopwatch.GetTimestamp();
                await call();
                micros[caller * perCaller + i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            }
        })));
        var elapsed = clock.Elapsed;
        Array.Sort(micros);
        return new Result(micros[micros.Length / 2], micros[(int)(micros.Length * 0.99)], micros.Length / elapsed.TotalSeconds);
    }

    private static void Print(string caller, int concurrency, Result result, Result plain) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {caller} | {concurrency} | {result.P50:F0} µs | {result.P99:F0} µs | {result.CallsPerSecond:N0} | {result.CallsPerSecond / plain.CallsPerSecond:F2}× |"));

    private static ActivityListener RecordSpans()
    {
        var listener = new ActivityListener
        {
            // The spans the packages make for a call: Grpc.Net.Client's Client span, ASP.NET Core's Server span.
            ShouldListenTo = source => source.Name is "Grpc.Net.Client" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    private static async Task<WebApplication> StartServerAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.AddGrpcServerDefaults();
        var app = builder.Build();
        app.MapGrpcService<BenchService>();
        app.MapPost("/plain/echo", async (HttpContext context) =>
        {
            var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            var reply = BenchHandler.Echo(BenchMessage.Parser.ParseFrom(body.GetBuffer().AsSpan(0, (int)body.Length)));
            context.Response.ContentType = "application/x-protobuf";
            await context.Response.Body.WriteAsync(reply.ToByteArray());
        });
        await app.StartAsync();
        return app;
    }

    private static class BenchHandler
    {
        public static BenchMessage Echo(BenchMessage request) => new() { Id = request.Id, Sequence = request.Sequence + 1, Payload = request.Payload };
    }

    private sealed class BenchService : Bench.BenchBase
    {
        public override Task<BenchMessage> Echo(BenchMessage request, ServerCallContext context) => Task.FromResult(BenchHandler.Echo(request));
    }
}
