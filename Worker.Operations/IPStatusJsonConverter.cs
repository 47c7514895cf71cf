using System.Net.NetworkInformation;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TraceApp.Worker.Operations;

/// <summary>A ping reply's status as a camelCase string ("success", "timedOut").</summary>
public sealed class IPStatusJsonConverter() : JsonStringEnumConverter<IPStatus>(JsonNamingPolicy.CamelCase);
