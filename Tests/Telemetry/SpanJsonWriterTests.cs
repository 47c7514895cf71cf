using System.Diagnostics;
using System.Text.Json;
using OpenTelemetry.Resources;
using TraceApp.ServiceDefaults.Telemetry;

namespace TraceApp.Tests.Telemetry;

public sealed class SpanJsonWriterTests
{
    [Fact]
    public void Span_becomes_one_json_line_with_ids_attributes_events_links_and_resource()
    {
        var parent = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);
        var linked = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.None);
        using var activity = new Activity("job.process");
        activity.SetParentId(parent.TraceId, parent.SpanId, parent.TraceFlags);
        activity.SetIdFormat(ActivityIdFormat.W3C);
        activity.AddLink(new ActivityLink(linked, new ActivityTagsCollection { ["why"] = "retry" }));
        activity.Start();
        activity.SetTag("job.id", "abc\n123").SetTag("attempt", 3).SetTag("tags", new[] { "a", "b" }).SetTag("ok", true);
        activity.AddEvent(new ActivityEvent("step", tags: new ActivityTagsCollection { ["n"] = 1L }));
        activity.SetStatus(ActivityStatusCode.Error, "failed");
        activity.Stop();
        var resource = ResourceBuilder.CreateEmpty().AddService("worker").Build();

        var line = SpanJsonWriter.ToJsonLine(activity, resource);

        Assert.DoesNotContain('\n', line);
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        Assert.Equal("job.process", root.GetProperty("name").GetString());
        Assert.Equal(parent.TraceId.ToHexString(), root.GetProperty("trace_id").GetString());
        Assert.Equal(parent.SpanId.ToHexString(), root.GetProperty("parent_span_id").GetString());
        Assert.Equal(activity.SpanId.ToHexString(), root.GetProperty("span_id").GetString());
        Assert.Equal("Error", root.GetProperty("status").GetString());
        Assert.Equal("failed", root.GetProperty("status_description").GetString());
        var attributes = root.GetProperty("attributes");
        Assert.Equal("abc\n123", attributes.GetProperty("job.id").GetString());
        Assert.Equal(3, attributes.GetProperty("attempt").GetInt32());
        Assert.True(attributes.GetProperty("ok").GetBoolean());
        Assert.Equal(["a", "b"], attributes.GetProperty("tags").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(1, root.GetProperty("events")[0].GetProperty("attributes").GetProperty("n").GetInt64());
        Assert.Equal(linked.TraceId.ToHexString(), root.GetProperty("links")[0].GetProperty("trace_id").GetString());
        Assert.Equal("worker", root.GetProperty("resource").GetProperty("service.name").GetString());
        Assert.True(root.GetProperty("end_time").GetDateTime() >= root.GetProperty("start_time").GetDateTime());
    }
}
