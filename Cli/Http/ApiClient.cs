using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace TraceApp.Cli.Http;

/// <summary>
/// The TraceApp API over HTTP with the bearer token: answers as JSON, failures as a <see cref="CliException"/> whose
/// exit code follows the status (<see cref="ExitCodes.ForStatus"/>) and whose message is the ProblemDetails in one line.
/// </summary>
public sealed class ApiClient : IDisposable
{
    /// <summary>Longer than the Api's own wait for a node query (30 s by default), so its 504 arrives first.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(100);

    private readonly HttpClient _http;

    public ApiClient(Uri baseAddress, string? token, TimeSpan? timeout = null)
    {
        BaseAddress = baseAddress;
        _http = new HttpClient { BaseAddress = baseAddress, Timeout = timeout ?? RequestTimeout };
        if (!string.IsNullOrEmpty(token))
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    public Uri BaseAddress { get; }

    public Task<JsonElement> GetAsync(string pathAndQuery, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, pathAndQuery), cancellationToken);

    public Task<JsonElement> PostAsync(string path, object? body, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body) }, cancellationToken);

    public Task<JsonElement> DeleteAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Delete, path), cancellationToken);

    /// <summary>The answer's JSON body (an empty object for 204), or a <see cref="CliException"/>.</summary>
    public async Task<JsonElement> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var _ = request;
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new CliException(ExitCodes.Error, $"cannot reach the API at {BaseAddress}: {e.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliException(ExitCodes.Timeout, $"the API at {BaseAddress} did not answer within {_http.Timeout.TotalSeconds:0} s.");
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            var body = Parse(text);
            if (!response.IsSuccessStatusCode)
            {
                throw new CliException(ExitCodes.ForStatus(response.StatusCode), ProblemText.Describe(response.StatusCode, body, request));
            }

            return body ?? JsonDocument.Parse("{}").RootElement.Clone();
        }
    }

    private static JsonElement? Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(text);
        }
    }

    public void Dispose() => _http.Dispose();
}
