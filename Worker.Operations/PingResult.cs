using System.Net.NetworkInformation;

namespace TraceApp.Worker.Operations;

/// <param name="Address">The address pinged: <see cref="Host"/> itself, or what it resolved to.</param>
public sealed record PingResult(string Host, string Address, IReadOnlyList<PingReplyResult> Replies, PingSummary Summary);

/// <param name="Sequence">1 for the first echo request.</param>
/// <param name="RoundtripMs">Null unless <see cref="Status"/> is success.</param>
public sealed record PingReplyResult(int Sequence, IPStatus Status, long? RoundtripMs);

/// <param name="LossPercent">Requests without a successful reply, in percent of those sent.</param>
/// <param name="MinMs">Round-trip statistics over the successful replies; null when there were none.</param>
public sealed record PingSummary(int Sent, int Received, double LossPercent, long? MinMs, double? AvgMs, long? MaxMs);
