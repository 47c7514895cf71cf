using TraceApp.Api.Dispatch;

namespace Microsoft.Extensions.Hosting;

public static class JobRedispatchExtensions
{
    /// <summary>
    /// Runs <see cref="JobRedispatcher"/> with <see cref="RedispatchOptions"/> from <c>Api:Redispatch</c>. Needs the
    /// job store (<c>AddJobStore</c>), NATS (<c>AddNatsClient</c>) and the Api's <c>JobPublisher</c> (<c>AddJobsApi</c>).
    /// </summary>
    public static IHostApplicationBuilder AddJobRedispatch(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<RedispatchOptions>()
            .BindConfiguration(RedispatchOptions.SectionName)
            .Validate(o => o.Interval > TimeSpan.Zero && o.BatchSize > 0, $"{RedispatchOptions.SectionName}: Interval and BatchSize must be positive.")
            .ValidateOnStart();
        builder.Services.AddHostedService<JobRedispatcher>();
        return builder;
    }
}
