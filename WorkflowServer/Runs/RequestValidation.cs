using System.Text.Json;
using System.Text.RegularExpressions;
using Google.Protobuf.WellKnownTypes;

namespace TraceApp.WorkflowServer.Runs;

/// <summary>
/// Checks a request's fields, each failure an INVALID_ARGUMENT <see cref="WorkflowRejection"/> naming the field.
/// </summary>
public static partial class RequestValidation
{
    public const string DefaultName = "default";
    public const int MaxTextLength = 200;
    public static readonly TimeSpan MaxSleep = TimeSpan.FromDays(365);

    /// <summary>A workflow type, namespace or task queue: [a-z0-9][a-z0-9._-]{0,99}; empty takes <paramref name="fallback"/> when given.</summary>
    public static string Name(string field, string value, string? fallback = null)
    {
        if (string.IsNullOrEmpty(value) && fallback is not null)
        {
            return fallback;
        }

        if (string.IsNullOrEmpty(value))
        {
            throw WorkflowRejection.InvalidArgument(field, "is required");
        }

        return NamePattern().IsMatch(value)
            ? value
            : throw WorkflowRejection.InvalidArgument(field, $"'{Shorten(value)}' must match [a-z0-9][a-z0-9._-]{{0,99}}");
    }

    /// <summary>A step or timer name, or an external id: 1–200 characters without control characters.</summary>
    public static string Text(string field, string value, bool required = true)
    {
        if (string.IsNullOrEmpty(value))
        {
            return required ? throw WorkflowRejection.InvalidArgument(field, "is required") : value;
        }

        if (value.Length > MaxTextLength || value.Any(char.IsControl))
        {
            throw WorkflowRejection.InvalidArgument(field, $"must be at most {MaxTextLength} characters without control characters");
        }

        return value;
    }

    /// <summary>Empty (null: no value) or one JSON document.</summary>
    public static string? Json(string field, string value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        try
        {
            using var _ = JsonDocument.Parse(value);
            return value;
        }
        catch (JsonException e)
        {
            throw WorkflowRejection.InvalidArgument(field, $"is not valid JSON ({e.Message})");
        }
    }

    public static Guid Id(string field, string value)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw WorkflowRejection.InvalidArgument(field, "is required");
        }

        return Guid.TryParse(value, out var id) ? id : throw WorkflowRejection.InvalidArgument(field, $"'{Shorten(value)}' is not a UUID");
    }

    /// <summary>An optional duration: unset takes <paramref name="fallback"/>; otherwise within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static TimeSpan Duration(string field, Duration? value, TimeSpan? fallback, TimeSpan min, TimeSpan max)
    {
        if (value is null)
        {
            return fallback ?? throw WorkflowRejection.InvalidArgument(field, "is required");
        }

        var span = ToTimeSpan(field, value);
        return span < min || span > max
            ? throw WorkflowRejection.InvalidArgument(field, $"must be between {min} and {max}, got {span}")
            : span;
    }

    public static int PageSize(int value, int fallback, int max) => value switch
    {
        < 0 => throw WorkflowRejection.InvalidArgument("page_size", "must not be negative"),
        0 => fallback,
        _ => Math.Min(value, max),
    };

    public static int MaxConcurrency(int value) =>
        value < 0 ? throw WorkflowRejection.InvalidArgument("max_concurrency", "must not be negative") : value;

    /// <summary>Null when unset; zero fields mean "not set" (the next policy's or the default).</summary>
    public static PartialRetryPolicy? RetryPolicy(string field, Workflows.V1.RetryPolicy? policy)
    {
        if (policy is null)
        {
            return null;
        }

        if (policy.MaxAttempts < 0)
        {
            throw WorkflowRejection.InvalidArgument($"{field}.max_attempts", "must not be negative");
        }

        if (policy.BackoffCoefficient != 0 && !(policy.BackoffCoefficient >= 1 && policy.BackoffCoefficient <= 100))
        {
            throw WorkflowRejection.InvalidArgument($"{field}.backoff_coefficient", "must be 0 (the default) or between 1 and 100");
        }

        var initial = policy.InitialInterval is null ? (TimeSpan?)null : ToTimeSpan($"{field}.initial_interval", policy.InitialInterval);
        var max = policy.MaxInterval is null ? (TimeSpan?)null : ToTimeSpan($"{field}.max_interval", policy.MaxInterval);
        if (initial < TimeSpan.Zero || initial > MaxSleep)
        {
            throw WorkflowRejection.InvalidArgument($"{field}.initial_interval", "must be between 0 and 365 days");
        }

        if (max < TimeSpan.Zero || max > MaxSleep)
        {
            throw WorkflowRejection.InvalidArgument($"{field}.max_interval", "must be between 0 and 365 days");
        }

        if (initial > TimeSpan.Zero && max > TimeSpan.Zero && max < initial)
        {
            throw WorkflowRejection.InvalidArgument($"{field}.max_interval", "must not be shorter than initial_interval");
        }

        foreach (var type in policy.NonRetryableErrorTypes)
        {
            Text($"{field}.non_retryable_error_types", type);
        }

        return new PartialRetryPolicy(
            policy.MaxAttempts == 0 ? null : policy.MaxAttempts, initial, policy.BackoffCoefficient == 0 ? null : policy.BackoffCoefficient, max,
            policy.NonRetryableErrorTypes.Count == 0 ? null : [.. policy.NonRetryableErrorTypes]);
    }

    private static TimeSpan ToTimeSpan(string field, Duration value)
    {
        try
        {
            return value.ToTimeSpan();
        }
        catch (InvalidOperationException)
        {
            throw WorkflowRejection.InvalidArgument(field, "is not a valid duration");
        }
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,99}$")]
    private static partial Regex NamePattern();
}
