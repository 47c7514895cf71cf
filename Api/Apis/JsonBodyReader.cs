using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace TraceApp.Api.Apis;

/// <summary>
/// Reads a JSON request body itself (<c>POST /job</c>, <c>POST /network/ping</c>), so that an oversized or malformed
/// body is a 400 ProblemDetails (the contract) rather than Kestrel's 413 or a binding failure without details.
/// </summary>
internal static class JsonBodyReader
{
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>The body (when <see cref="Error"/> is null) or why it cannot be read.</summary>
    public sealed record Outcome<T>(T? Request, string? Error);

    /// <summary>The body as <typeparamref name="T"/>, or why not; <paramref name="shape"/> describes the expected object in messages.</summary>
    public static async Task<Outcome<T>> ReadAsync<T>(HttpRequest request, JsonSerializerOptions json, string shape, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return TooLarge<T>();
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
                    return TooLarge<T>();
                }
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge<T>();
        }

        if (buffer.Length == 0)
        {
            return new(default, $"The body is empty: expected a JSON object {shape}.");
        }

        try
        {
            var parsed = JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), json);
            return parsed is null || parsed is JsonElement { ValueKind: JsonValueKind.Null }
                ? new(default, $"The body is null: expected a JSON object {shape}.")
                : new(parsed, null);
        }
        catch (JsonException e)
        {
            return new(default, $"The body is not a valid JSON object {shape}: {e.Message}");
        }
    }

    private static Outcome<T> TooLarge<T>() => new(default, $"The body is larger than {MaxBodyBytes} bytes.");
}
