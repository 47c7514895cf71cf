using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace TraceApp.Api.Apis;

/// <summary>
/// Reads a <c>POST /job</c> body itself, so that an oversized or malformed body is a 400 ProblemDetails (the issue's
/// contract) rather than Kestrel's 413 or a binding failure without details.
/// </summary>
internal static class JobRequestReader
{
    public const int MaxBodyBytes = 64 * 1024;

    public sealed record Outcome(SubmitJobRequest? Request, string? Error);

    public static async Task<Outcome> ReadAsync(HttpRequest request, JsonSerializerOptions json, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return TooLarge();
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            // Above ours, so a chunked body that passes it is still caught below with our message.
            limit.MaxRequestBodySize = MaxBodyBytes + 1;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > MaxBodyBytes)
                {
                    return TooLarge();
                }
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge();
        }

        if (buffer.Length == 0)
        {
            return new(null, "The body is empty: expected a JSON object {\"operation\", \"target\", \"params\"}.");
        }

        try
        {
            var parsed = JsonSerializer.Deserialize<SubmitJobRequest>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), json);
            return parsed is null ? new(null, "The body is null: expected a JSON object.") : new(parsed, null);
        }
        catch (JsonException e)
        {
            return new(null, $"The body is not a valid job request: {e.Message}");
        }
    }

    private static Outcome TooLarge() => new(null, $"The body is larger than {MaxBodyBytes} bytes.");
}
