using System.Text.Json;
using TraceApp.Cli.Output;

namespace TraceApp.Cli.Commands.Client;

/// <summary>A finished job (the body of <c>GET /job/{id}</c>) printed, and its exit code: 0 completed, 1 failed.</summary>
public static class JobOutcome
{
    public static int Print(CommandSession session, JsonElement job)
    {
        session.Write(job, JobText.Results);
        if (JobText.Text(job, "status") == "failed")
        {
            throw new CliException(ExitCodes.Error, $"job {JobText.Text(job, "id")} failed: {JobText.Text(job, "error") ?? "see traceapp client job get " + JobText.Text(job, "id")}");
        }

        return ExitCodes.Ok;
    }
}
