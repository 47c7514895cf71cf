using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using TraceApp.Auth;
using TraceApp.Tests.Infrastructure;

namespace TraceApp.Tests.Api;

/// <summary>Bearer tokens on the built Api: 401 without a valid one, 403 without the permission, ProblemDetails both.</summary>
public sealed class AuthTests(JobsApiFixture api) : IClassFixture<JobsApiFixture>
{
    public static TheoryData<string, string> JobEndpoints => new()
    {
        { "GET", "/job" },
        { "GET", "/job/status" },
        { "GET", $"/job/{Guid.NewGuid()}" },
        { "POST", "/job" },
        { "DELETE", $"/job/{Guid.NewGuid()}" },
        { "POST", $"/job/{Guid.NewGuid()}/retry" },
    };

    [Theory]
    [MemberData(nameof(JobEndpoints))]
    public async Task Every_job_endpoint_answers_401_problem_details_without_a_token(string method, string path)
    {
        using var response = await SendAsync(method, path, token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(401, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task A_read_token_reads_jobs_but_cannot_add_delete_or_retry_them()
    {
        var read = TestTokens.For(Roles.Read);
        var before = await api.Store.CountByStatusAsync();

        using var list = await SendAsync("GET", "/job", read);
        using var add = await SendAsync("POST", "/job", read);
        using var delete = await SendAsync("DELETE", $"/job/{Guid.NewGuid()}", read);
        using var retry = await SendAsync("POST", $"/job/{Guid.NewGuid()}/retry", read);

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, add.StatusCode);
        Assert.Equal("application/problem+json", add.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, retry.StatusCode);
        Assert.Equal(before, await api.Store.CountByStatusAsync());
    }

    [Theory]
    [InlineData(Roles.Write)]
    [InlineData(Roles.Admin)]
    public async Task Write_and_admin_tokens_add_jobs(string role)
    {
        using var response = await SendAsync("POST", "/job", TestTokens.For(role));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task Expired_tokens_and_tokens_signed_with_another_key_are_401()
    {
        var expired = TokenIssuer.Create(TestTokens.SigningKey, Roles.Admin, TimeSpan.FromMinutes(1), time: new ShiftedTime(TimeSpan.FromHours(-1)));
        var foreign = TokenIssuer.Create(new string('k', 48), Roles.Admin);

        using var late = await SendAsync("GET", "/job", expired);
        using var forged = await SendAsync("GET", "/job", foreign);
        using var garbage = await SendAsync("GET", "/job", "not-a-jwt");

        Assert.Equal(HttpStatusCode.Unauthorized, late.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, garbage.StatusCode);
    }

    [Fact]
    public async Task Version_health_and_the_openapi_document_need_no_token()
    {
        foreach (var path in new[] { "/version", "/alive", "/openapi/v1.json" })
        {
            using var response = await SendAsync("GET", path, token: null);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task The_openapi_document_declares_the_bearer_scheme_with_the_permission_per_operation()
    {
        var document = await api.GetJsonAsync("/openapi/v1.json");

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        var submit = document.GetProperty("paths").EnumerateObject().Single(p => p.Name.TrimEnd('/') == "/job").Value.GetProperty("post");
        var requirement = Assert.Single(submit.GetProperty("security").EnumerateArray());
        Assert.Equal([Permissions.JobWrite], requirement.GetProperty("Bearer").EnumerateArray().Select(s => s.GetString()));
        var version = document.GetProperty("paths").GetProperty("/version").GetProperty("get");
        Assert.False(version.TryGetProperty("security", out _));
    }

    private async Task<HttpResponseMessage> SendAsync(string method, string path, string? token)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(api.Address, path));
        if (method == "POST")
        {
            request.Content = JsonContent.Create(new { operation = "node.hostname" });
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var anonymous = TestHttp.CreateClient();
        return await anonymous.SendAsync(request);
    }

    private sealed class ShiftedTime(TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + shift;
    }
}
