using TraceApp.Workflows.Hosting;
using TraceApp.WorkflowTestWorker;

// The SDK's worker runtime with test-only workflow types; WorkflowServer's address comes from
// Workflows__ServerAddress, the worker's options from Workflows__Worker__*.
var builder = Host.CreateApplicationBuilder(args);
builder.AddServiceDefaults();
builder.AddWorkflowWorker()
    .AddWorkflow<StepsWorkflow, StepsInput, int>()
    .AddWorkflow<FlakyWorkflow, FlakyInput, int>()
    .AddWorkflow<SwallowingWorkflow, StepLog, string>()
    .AddWorkflow<ThrowingWorkflow, StepLog, string>()
    .AddWorkflow<SleepInput, string>(SleepWorkflow.Name, SleepWorkflow.RunAsync);

builder.Build().Run();
