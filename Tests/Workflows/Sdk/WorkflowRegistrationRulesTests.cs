using Microsoft.Extensions.Hosting;
using TraceApp.Workflows.Hosting;
using TraceApp.Workflows.Worker;

namespace TraceApp.Tests.Workflows.Sdk;

/// <summary>Mistakes in registering workflow types fail at start, with a message that names the mistake.</summary>
public sealed class WorkflowRegistrationRulesTests
{
    [Theory]
    [InlineData("Upper")]
    [InlineData("-leading-dash")]
    [InlineData("with space")]
    [InlineData("")]
    public void A_name_the_server_would_reject_is_refused(string name)
    {
        var workers = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings()).AddWorkflowWorker();

        var error = Assert.Throws<ArgumentException>(() => workers.AddWorkflow<int, int>(name, (_, i) => Task.FromResult(i)));
        Assert.Contains("not a valid workflow type name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_registered_twice_is_refused()
    {
        var workers = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings()).AddWorkflowWorker()
            .AddWorkflow<Named, int, int>();

        var error = Assert.Throws<InvalidOperationException>(() => workers.AddWorkflow<int, int>("named", (_, i) => Task.FromResult(i)));
        Assert.Contains("'named' is already registered", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_workflow_class_without_a_Workflow_attribute_is_refused()
    {
        var workers = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings()).AddWorkflowWorker();

        var error = Assert.Throws<InvalidOperationException>(() => workers.AddWorkflow<Unnamed, int, int>());
        Assert.Contains("[Workflow(\"name\")]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddWorkflowWorker_twice_is_refused()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.AddWorkflowWorker();

        Assert.Throws<InvalidOperationException>(() => builder.AddWorkflowWorker());
    }

    [Workflow("named")]
    private sealed class Named : IWorkflow<int, int>
    {
        public Task<int> RunAsync(IWorkflowContext context, int input) => Task.FromResult(input);
    }

    private sealed class Unnamed : IWorkflow<int, int>
    {
        public Task<int> RunAsync(IWorkflowContext context, int input) => Task.FromResult(input);
    }
}
