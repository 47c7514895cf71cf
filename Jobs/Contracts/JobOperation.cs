namespace TraceApp.Jobs.Contracts;

/// <summary>An operation a worker can run, with its kind and how its parameters are validated.</summary>
public sealed record JobOperation(string Name, JobKind Kind, JobParamsValidator ValidateParams);

/// <summary>Validates an operation's parameters (a JSON object or nothing) into field errors; none means valid.</summary>
public delegate IReadOnlyDictionary<string, string[]> JobParamsValidator(System.Text.Json.JsonElement? parameters);
