namespace TraceApp.Worker.Operations;

/// <param name="Host">An IP address or an RFC 1123 host name.</param>
/// <param name="Count">Echo requests to send, 1 to 10.</param>
public sealed record PingParameters(string Host, int Count)
{
    public const int DefaultCount = 3;
    public const int MinCount = 1;
    public const int MaxCount = 10;
}
