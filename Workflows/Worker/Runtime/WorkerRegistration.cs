namespace TraceApp.Workflows.Worker.Runtime;

/// <summary>What Register answered: this worker's id and the server's timing.</summary>
internal sealed record WorkerRegistration(string WorkerId, TimeSpan HeartbeatInterval, TimeSpan LeaseDuration);
