using System.Text.Json;
using TraceApp.Jobs.Contracts;

namespace TraceApp.Tests.Jobs;

public sealed class JobContractTests
{
    [Theory]
    [InlineData("_any", JobTargetKind.Any, null)]
    [InlineData("_all", JobTargetKind.All, null)]
    [InlineData("host:web-1", JobTargetKind.Host, "web-1")]
    [InlineData("host:Web-1.Example.COM", JobTargetKind.Host, "web-1.example.com")]
    [InlineData("host:1host", JobTargetKind.Host, "1host")]
    public void Targets_parse(string text, JobTargetKind kind, string? host)
    {
        var target = JobTarget.Parse(text);

        Assert.Equal((kind, host), (target.Kind, target.Host));
        Assert.Equal(text.ToLowerInvariant(), target.ToString());
    }

    [Theory]
    [InlineData(null, "A target is")]
    [InlineData("", "A target is")]
    [InlineData("any", "A target is")]
    [InlineData("host:", "A host name is required")]
    [InlineData("host:-web", "neither starts nor ends with '-'")]
    [InlineData("host:web-", "neither starts nor ends with '-'")]
    [InlineData("host:a..b", "1 to 63 characters")]
    [InlineData("host:web_1", "only ASCII letters, digits")]
    [InlineData("host:wéb", "only ASCII letters, digits")]
    public void Invalid_targets_say_why(string? text, string reason)
    {
        Assert.False(JobTarget.TryParse(text, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => JobTarget.Parse(text!));
    }

    [Fact]
    public void Host_names_have_labels_of_at_most_63_and_254_characters_are_too_long()
    {
        Assert.True(HostName.IsValid(new string('a', 63)));
        Assert.False(HostName.IsValid(new string('a', 64)));
        var longest = string.Join('.', Enumerable.Repeat(new string('a', 63), 3)) + "." + new string('b', 61);
        Assert.True(HostName.IsValid(longest));
        Assert.Contains("at most 253", HostName.Explain(longest + "b"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(JobKind.Query, "_any", "jobs.query._any")]
    [InlineData(JobKind.Query, "_all", "jobs.query._all")]
    [InlineData(JobKind.Modify, "host:web-1", "jobs.modify.host.web-1")]
    [InlineData(JobKind.Query, "host:web.example.com", "jobs.query.host.web.example.com")]
    public void Subjects_are_built_from_kind_and_target(JobKind kind, string target, string subject)
    {
        Assert.Equal(subject, JobSubjects.For(kind, JobTarget.Parse(target)));
    }

    [Fact]
    public void A_worker_listens_on_any_all_and_its_host()
    {
        Assert.Equal(["jobs.query._any", "jobs.query._all", "jobs.query.host.web-1"], JobSubjects.ForWorker(JobKind.Query, "Web-1"));
    }

    [Fact]
    public void Every_operation_is_a_query_and_is_found_by_name()
    {
        Assert.Equal(
            ["node.hostname", "node.status", "node.uptime", "node.os", "node.disk", "node.memory", "node.load", "network.ping", "network.dns"],
            JobOperations.All.Select(o => o.Name));
        Assert.All(JobOperations.All, o => Assert.Equal(JobKind.Query, o.Kind));
        Assert.True(JobOperations.TryFind("network.ping", out var ping));
        Assert.Same(JobOperations.NetworkPing, ping);
        Assert.False(JobOperations.TryFind("node.reboot", out _));
    }

    [Theory]
    [InlineData("node.os", null)]
    [InlineData("node.os", "{}")]
    [InlineData("network.ping", """{"host":"example.com","count":3}""")]
    [InlineData("network.ping", """{"host":"10.0.0.1","count":1}""")]
    [InlineData("network.ping", """{"host":"::1","count":10}""")]
    public void Valid_requests_have_no_errors(string operation, string? parameters)
    {
        Assert.Empty(JobOperations.Validate(operation, "_any", Parse(parameters)));
    }

    [Theory]
    [InlineData("node.reboot", "_any", null, "operation")]
    [InlineData("node.os", "nowhere", null, "target")]
    [InlineData("node.os", "_any", """{"x":1}""", "params")]
    [InlineData("node.os", "_any", "[]", "params")]
    [InlineData("network.ping", "_any", null, "params")]
    [InlineData("network.ping", "_any", """{"count":3}""", "params.host")]
    [InlineData("network.ping", "_any", """{"host":"bad_host!","count":3}""", "params.host")]
    [InlineData("network.ping", "_any", """{"host":"example.com"}""", "params.count")]
    [InlineData("network.ping", "_any", """{"host":"example.com","count":0}""", "params.count")]
    [InlineData("network.ping", "_any", """{"host":"example.com","count":11}""", "params.count")]
    [InlineData("network.ping", "_any", """{"host":"example.com","count":1.5}""", "params.count")]
    [InlineData("network.ping", "_any", """{"host":"example.com","count":"3"}""", "params.count")]
    [InlineData("network.ping", "_any", """{"host":"example.com","count":3,"ttl":1}""", "params.ttl")]
    public void Invalid_requests_name_the_field(string operation, string target, string? parameters, string field)
    {
        var errors = JobOperations.Validate(operation, target, Parse(parameters));

        Assert.Equal([field], errors.Keys);
        Assert.NotEmpty(Assert.Single(errors.Values));
    }

    [Fact]
    public void Several_invalid_fields_are_reported_together()
    {
        var errors = JobOperations.Validate("network.ping", "host:-x", Parse("""{"host":"","count":99}"""));

        Assert.Equal(["params.count", "params.host", "target"], errors.Keys.Order(StringComparer.Ordinal));
    }

    private static JsonElement? Parse(string? json) => json is null ? null : JobRequests.Json(json);
}
