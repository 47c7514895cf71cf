using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Text.Json;
using NATS.Client.Core;
using Npgsql;
using TraceApp.Auth;
using TraceApp.Benchmarks.AppHost;
using TraceApp.Messaging;

namespace TraceApp.Benchmarks.Jobs;

/// <summary>
/// A synchronous job through the whole system (the AppHost in Release: Api, Worker replicas, nats-server,
/// PostgreSQL, the Aspire dashboard), with the services' tracing on (OTLP to the dashboard) and off, in one run:
/// round trip p50/p99 of one client in sequence, then jobs/s and p50/p99 with 16 concurrent clients. As floors,
/// on the same servers: a raw NATS request/reply and one PostgreSQL round trip (<c>SELECT 1</c>). Also how many
/// PostgreSQL transactions and NATS messages each job costs (server counters before and after the concurrent round).
/// </summary>
public static class JobsBenchmark
{
    private const int Clients = 16;
    private const string Configuration = "Release";

    private sealed record Round(double P50, double P99, double PerSecond);

    private sealed record ModeResult(
        string Mode, Round Sequential, Round Concurrent, Round Nats, Round Postgres, double TransactionsPerJob, double NatsMessagesPerJob);

    /// <param name="args"><c>--requests N</c>: sequential requests per round (default 1000; the concurrent round sends 8×).</param>
    public static async Task<int> RunAsync(string[] args)
    {
        var index = Array.IndexOf(args, "--requests");
        var requests = index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : 1000;
        using var cancel = new CancellationTokenSource();
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
        try
        {
            await AppHostStartStopBenchmark.BuildAppHostAsync(Configuration, cancel.Token);
            using var appHostLock = await AppHostLock.AcquireAsync(TimeSpan.FromMinutes(30), cancel.Token);
            Console.WriteLine($"{AppHostLock.Path}: {appHostLock.Holder}.");
            AppHostStartStopBenchmark.EnsurePortsFree();
            List<ModeResult> results = [];
            foreach (var tracing in new[] { true, false })
            {
                results.Add(await MeasureModeAsync(tracing, requests, cancel.Token));
            }

            Print(results, requests);
            return 0;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            Console.Error.WriteLine("Jobs benchmark interrupted; what it had started is stopped.");
            return 1;
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException or IOException or HttpRequestException)
        {
            Console.Error.WriteLine($"Jobs benchmark failed: {e.Message}");
            return 1;
        }

        void Cancel(PosixSignalContext context)
        {
            context.Cancel = true;
            cancel.Cancel();
        }
    }

    /// <summary>The measured call: <c>GET /node/hostname</c>, 200 once the job has finished, with the job.</summary>
    private static async Task RunJobAsync(HttpClient api, CancellationToken ct)
    {
        using var response = await api.GetAsync("/node/hostname", ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET /node/hostname answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
        }

        await response.Content.CopyToAsync(Stream.Null, ct);
    }

    private static async Task<ModeResult> MeasureModeAsync(bool tracing, int requests, CancellationToken ct)
    {
        var mode = tracing ? "tracing on (OTLP to the dashboard)" : "tracing off";
        var signingKey = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        Console.WriteLine($"Starting the AppHost ({Configuration}, {mode}) …");
        await using var appHost = await RunningAppHost.StartAsync(
            Configuration,
            [$"--Parameters:auth-signing-key={signingKey}", $"--TraceApp:Tracing={(tracing ? "true" : "false")}"],
            ct);

        // The Api's own address, not DCP's proxy on 5080 (a development-time hop a deployment does not have).
        var apiAddress = appHost.EnvironmentOf("TraceApp.Api", "ASPNETCORE_URLS").Split(';')[0];
        using var api = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Clients * 2 }) { BaseAddress = new Uri(apiAddress) };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TokenIssuer.Create(signingKey, Roles.Admin));
        var natsConnectionString = appHost.EnvironmentOf("TraceApp.Worker", "ConnectionStrings__nats");
        var databaseConnectionString = appHost.EnvironmentOf("TraceApp.Worker", "ConnectionStrings__traceapp");
        var natsMonitor = new Uri($"http://127.0.0.1:{appHost.ArgumentOf("nats-server", "-m")}/varz");
        await using var database = NpgsqlDataSource.Create(databaseConnectionString);

        var nats = await MeasureNatsAsync(natsConnectionString, requests * 5, ct);
        var postgres = await MeasureAsync(requests * 5, 1, _ => SelectOneAsync(database, ct), ct);
        var sequential = await MeasureAsync(requests, 1, _ => RunJobAsync(api, ct), ct);

        var transactionsBefore = await TransactionsAsync(database, ct);
        var messagesBefore = await NatsMessagesAsync(natsMonitor, ct);
        var concurrent = await MeasureAsync(requests * 8, Clients, _ => RunJobAsync(api, ct), ct);
        var transactions = await TransactionsAsync(database, ct) - transactionsBefore;
        var messages = await NatsMessagesAsync(natsMonitor, ct) - messagesBefore;

        var result = new ModeResult(mode, sequential, concurrent, nats, postgres, transactions / (double)(requests * 8), messages / (double)(requests * 8));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {mode}: sequential p50 {sequential.P50:F0} µs, 16 clients {concurrent.PerSecond:F0} jobs/s (p50 {concurrent.P50:F0} µs); NATS p50 {nats.P50:F0} µs; SELECT 1 p50 {postgres.P50:F0} µs"));
        Console.WriteLine("Stopping the AppHost …");
        return result;
    }

    /// <summary><paramref name="count"/> calls by <paramref name="clients"/> clients at once (after a warm-up of a tenth): p50, p99 (µs) and calls/s.</summary>
    private static async Task<Round> MeasureAsync(int count, int clients, Func<int, Task> call, CancellationToken ct)
    {
        for (var i = 0; i < Math.Max(count / 10, clients); i++)
        {
            await call(i);
        }

        var micros = new double[count];
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(
            async () =>
            {
                for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
                {
                    var start = Stopwatch.GetTimestamp();
                    await call(i);
                    micros[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
                }
            },
            ct)));
        var perSecond = count / clock.Elapsed.TotalSeconds;
        Array.Sort(micros);
        return new Round(micros[count / 2], micros[(int)(count * 0.99)], perSecond);
    }

    /// <summary>Request/reply on the system's nats-server: a requester and a responder, each on a connection of its own.</summary>
    private static async Task<Round> MeasureNatsAsync(string connectionString, int count, CancellationToken ct)
    {
        var options = NatsConnectionString.Parse(connectionString);
        await using var requester = new NatsConnection(options);
        await using var responderConnection = new NatsConnection(options);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var subject = $"bench.jobs.{Guid.NewGuid():N}";
        var subscription = await responderConnection.SubscribeCoreAsync<byte[]>(subject, cancellationToken: ct);
        var responder = Task.Run(async () =>
        {
            await foreach (var msg in subscription.Msgs.ReadAllAsync(stop.Token))
            {
                await msg.ReplyAsync(msg.Data, cancellationToken: stop.Token);
            }
        }, ct);
        await responderConnection.PingAsync(ct);
        var payload = new byte[128];
        var round = await MeasureAsync(count, 1, _ => requester.RequestAsync<byte[], byte[]>(subject, payload, cancellationToken: ct).AsTask(), ct);
        await stop.CancelAsync();
        await responder.ContinueWith(_ => { }, TaskScheduler.Default);
        await subscription.DisposeAsync();
        return round;
    }

    private static async Task SelectOneAsync(NpgsqlDataSource database, CancellationToken ct)
    {
        await using var command = database.CreateCommand("SELECT 1");
        await command.ExecuteScalarAsync(ct);
    }

    /// <summary>Committed transactions in the traceapp database so far (every statement outside a transaction is one).</summary>
    private static async Task<long> TransactionsAsync(NpgsqlDataSource database, CancellationToken ct)
    {
        await using var command = database.CreateCommand("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()");
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Messages nats-server has received so far (its monitoring endpoint's <c>in_msgs</c>).</summary>
    private static async Task<long> NatsMessagesAsync(Uri varz, CancellationToken ct)
    {
        using var http = new HttpClient();
        using var document = JsonDocument.Parse(await http.GetStringAsync(varz, ct));
        return document.RootElement.GetProperty("in_msgs").GetInt64();
    }

    private static void Print(IReadOnlyList<ModeResult> results, int requests)
    {
        var on = results[0];
        var off = results[1];
        var floor = off.Nats.P50 + off.Postgres.P50;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""

            Jobs: GET /node/hostname (a node.hostname job on _any, answered once it finished), AppHost -c {Configuration}, {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Trim()}
            {requests} sequential requests, then {requests * 8} from {Clients} concurrent clients, each after a warm-up of a tenth.

            | Tracing | 1 client p50 | p99 | {Clients} clients jobs/s | p50 | p99 | PG transactions/job | NATS msgs in/job |
            |---|---:|---:|---:|---:|---:|---:|---:|
            {Row(on)}
            {Row(off)}

            | Floor (same servers) | p50 | p99 |
            |---|---:|---:|
            | NATS request/reply, 128 B ({on.Mode}) | {on.Nats.P50:F0} µs | {on.Nats.P99:F0} µs |
            | NATS request/reply, 128 B ({off.Mode}) | {off.Nats.P50:F0} µs | {off.Nats.P99:F0} µs |
            | PostgreSQL SELECT 1 ({on.Mode}) | {on.Postgres.P50:F0} µs | {on.Postgres.P99:F0} µs |
            | PostgreSQL SELECT 1 ({off.Mode}) | {off.Postgres.P50:F0} µs | {off.Postgres.P99:F0} µs |

            Tracing overhead: {Percent(on.Sequential.P50 / off.Sequential.P50 - 1)} on the 1-client p50, {Percent(1 - on.Concurrent.PerSecond / off.Concurrent.PerSecond)} fewer jobs/s with {Clients} clients (goal ≤ 5 %).
            p50 (tracing off) / (NATS request/reply + SELECT 1) = {off.Sequential.P50:F0} / {floor:F0} = {off.Sequential.P50 / floor:F1}× (goal ≤ 3×).
            Throughput: {on.Concurrent.PerSecond:F0} jobs/s with tracing, {off.Concurrent.PerSecond:F0} without (goal ≥ 2,000).
            """));

        static string Row(ModeResult r) =>
            string.Create(CultureInfo.InvariantCulture,
                $"| {r.Mode} | {r.Sequential.P50:F0} µs | {r.Sequential.P99:F0} µs | {r.Concurrent.PerSecond:N0} | {r.Concurrent.P50:F0} µs | {r.Concurrent.P99:F0} µs | {r.TransactionsPerJob:F1} | {r.NatsMessagesPerJob:F1} |");

        static string Percent(double fraction) =>
            string.Create(CultureInfo.InvariantCulture, $"{fraction * 100:+0.0;-0.0} %");
    }
}
