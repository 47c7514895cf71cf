using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace TraceApp.Worker.Operations;

/// <summary>
/// network.ping: ICMP echo through <see cref="Ping"/> (raw sockets as root, else the kernel's unprivileged ICMP
/// sockets or the ping command, as .NET chooses), one request a second like ping(8).
/// </summary>
public sealed class PingOperation : ParameterizedJobOperation<PingParameters, PingResult>
{
    public const string OperationName = "network.ping";

    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(2);

    public override string Name => OperationName;

    protected override PingParameters ReadParameters(ParameterReader reader)
    {
        var host = reader.ReadString("host", required: true);
        if (host is not null && HostNameValidation.Validate(host) is { } hostError)
        {
            reader.AddError("host", hostError);
        }

        var count = reader.ReadInt32("count") ?? PingParameters.DefaultCount;
        if (!reader.HasErrors("count") && count is < PingParameters.MinCount or > PingParameters.MaxCount)
        {
            reader.AddError("count", $"The count field must be between {PingParameters.MinCount} and {PingParameters.MaxCount}.");
        }

        return new PingParameters(host ?? "", count);
    }

    public override async Task<PingResult> RunAsync(PingParameters parameters, CancellationToken cancellationToken)
    {
        var address = await ResolveAsync(parameters.Host, cancellationToken);
        var replies = new List<PingReplyResult>(parameters.Count);
        using var ping = new Ping();
        for (var sequence = 1; sequence <= parameters.Count; sequence++)
        {
            if (sequence > 1)
            {
                await Task.Delay(Interval, cancellationToken);
            }

            PingReply reply;
            try
            {
                reply = await ping.SendPingAsync(address, ReplyTimeout, cancellationToken: cancellationToken);
            }
            catch (PingException exception)
            {
                throw new OperationFailedException(
                    $"Cannot ping {address}: {exception.InnerException?.Message ?? exception.Message}", exception);
            }

            replies.Add(new PingReplyResult(
                sequence, reply.Status, reply.Status == IPStatus.Success ? reply.RoundtripTime : null));
        }

        return new PingResult(parameters.Host, address.ToString(), replies, Summarize(replies));
    }

    public static PingSummary Summarize(IReadOnlyList<PingReplyResult> replies)
    {
        var roundtrips = replies.Where(reply => reply.Status == IPStatus.Success).Select(reply => reply.RoundtripMs!.Value).ToList();
        var lossPercent = replies.Count == 0 ? 0 : 100.0 * (replies.Count - roundtrips.Count) / replies.Count;
        return roundtrips.Count == 0
            ? new PingSummary(replies.Count, 0, lossPercent, null, null, null)
            : new PingSummary(replies.Count, roundtrips.Count, lossPercent, roundtrips.Min(), roundtrips.Average(), roundtrips.Max());
    }

    private static async Task<IPAddress> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host, out var literal))
        {
            return literal;
        }

        IPAddress[] addresses;
        try
        {
            addresses = await Dns.GetHostAddressesAsync(host, cancellationToken);
        }
        catch (SocketException exception)
        {
            throw new OperationFailedException($"Cannot resolve '{host}': {exception.Message}", exception);
        }

        return addresses.FirstOrDefault(address => address.AddressFamily == AddressFamily.InterNetwork)
            ?? addresses.FirstOrDefault()
            ?? throw new OperationFailedException($"'{host}' resolves to no address.");
    }
}
