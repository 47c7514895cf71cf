using System.Text.Json;
using System.Text.Json.Serialization;

namespace TraceApp.Api.Infrastructure;

public static class ApiDefaults
{
    /// <summary>ProblemDetails for every error, store outages as 503, camelCase JSON with enums as camelCase strings, OpenAPI.</summary>
    public static IHostApplicationBuilder AddApiDefaults(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<DependencyUnavailableExceptionHandler>();
        builder.Services.ConfigureHttpJsonOptions(options =>
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
        builder.Services.AddOpenApi(options => options
            .AddDocumentTransformer<BearerSecurityTransformer>()
            .AddOperationTransformer<BearerSecurityTransformer>());
        return builder;
    }
}
