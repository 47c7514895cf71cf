using System.Text.Json;

namespace TraceApp.Jobs.Contracts;

/// <summary>
/// The body of a job message on <see cref="JobSubjects"/>: only the job's id. The job itself (operation, target,
/// params) is read from the store, which is the source of truth; the trace context travels in the message headers.
/// </summary>
public sealed record JobDispatch(Guid JobId)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public byte[] ToUtf8Bytes() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    /// <summary>The dispatch in <paramref name="body"/>, or null when it is not one (a malformed message is dropped, not retried).</summary>
    public static JobDispatch? TryParse(ReadOnlySpan<byte> body)
    {
        try
        {
            return JsonSerializer.Deserialize<JobDispatch>(body, Json) is { JobId: var id } dispatch && id != Guid.Empty ? dispatch : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
