using System.Net;
using System.Text.Json;
using TraceApp.Cli;
using TraceApp.Cli.Commands.Client;
using TraceApp.Cli.Http;
using TraceApp.Cli.Output;

namespace TraceApp.Tests.Cli;

public sealed class ExitCodeTests
{
    [Theory]
    [InlineData(HttpStatusCode.OK, ExitCodes.Ok)]
    [InlineData(HttpStatusCode.Accepted, ExitCodes.Ok)]
    [InlineData(HttpStatusCode.NoContent, ExitCodes.Ok)]
    [InlineData(HttpStatusCode.BadRequest, ExitCodes.Usage)]
    [InlineData(HttpStatusCode.RequestEntityTooLarge, ExitCodes.Usage)]
    [InlineData(HttpStatusCode.Unauthorized, ExitCodes.Auth)]
    [InlineData(HttpStatusCode.Forbidden, ExitCodes.Auth)]
    [InlineData(HttpStatusCode.NotFound, ExitCodes.NotFound)]
    [InlineData(HttpStatusCode.Conflict, ExitCodes.Error)]
    [InlineData(HttpStatusCode.InternalServerError, ExitCodes.Error)]
    [InlineData(HttpStatusCode.ServiceUnavailable, ExitCodes.Error)]
    [InlineData(HttpStatusCode.GatewayTimeout, ExitCodes.Timeout)]
    public void Http_status_maps_to_exit_code(HttpStatusCode status, int exitCode) => Assert.Equal(exitCode, ExitCodes.ForStatus(status));

    [Fact]
    public void A_validation_problem_is_one_line_with_its_field_errors()
    {
        var problem = JsonDocument.Parse("""
            {"title":"One or more validation errors occurred.","status":400,"errors":{"operation":["Unknown operation 'x'."],"target":["Bad target."]}}
            """).RootElement;

        var line = ProblemText.Describe(HttpStatusCode.BadRequest, problem);

        Assert.Equal("400 One or more validation errors occurred.: operation: Unknown operation 'x'.: target: Bad target.", line);
    }

    [Fact]
    public void A_gateway_timeout_names_its_job()
    {
        var problem = JsonDocument.Parse("""{"title":"Timed out","detail":"No answer in 30 s.","status":504,"jobId":"0199"}""").RootElement;

        Assert.Equal("504 Timed out: No answer in 30 s.: job 0199 (see: traceapp client job get 0199)", ProblemText.Describe(HttpStatusCode.GatewayTimeout, problem));
    }

    [Fact]
    public void Parameters_keep_json_values_and_take_the_rest_as_strings()
    {
        var parameters = JobParameters.Parse(["host=example.com", "count=3", "flag=true", "name=3abc", "empty="]);

        Assert.Equal("""{"host":"example.com","count":3,"flag":true,"name":"3abc","empty":""}""", parameters!.ToJsonString());
        Assert.Null(JobParameters.Parse([]));
        Assert.Equal(ExitCodes.Usage, Assert.Throws<CliException>(() => JobParameters.Parse(["novalue"])).ExitCode);
    }

    [Theory]
    [InlineData("""{"hostname":"alpha"}""", "alpha")]
    [InlineData("""{"uptimeSeconds":12.5,"idle":3}""", "uptimeSeconds=12.5 idle=3")]
    [InlineData("""{"drives":[{"name":"/","free":1}]}""", """{"drives":[{"name":"/","free":1}]}""")]
    [InlineData("\"text\"", "text")]
    public void Payloads_print_in_one_line(string json, string expected) =>
        Assert.Equal(expected, JobText.Payload(JsonDocument.Parse(json).RootElement));
}
