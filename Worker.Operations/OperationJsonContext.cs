using System.Text.Json;
using System.Text.Json.Serialization;

namespace TraceApp.Worker.Operations;

/// <summary>Every operation's result type; an operation whose result is missing here fails on its first run.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, Converters = [typeof(IPStatusJsonConverter)])]
[JsonSerializable(typeof(HostnameResult))]
[JsonSerializable(typeof(StatusResult))]
[JsonSerializable(typeof(UptimeResult))]
[JsonSerializable(typeof(OsResult))]
[JsonSerializable(typeof(DiskResult))]
[JsonSerializable(typeof(MemoryResult))]
[JsonSerializable(typeof(LoadResult))]
[JsonSerializable(typeof(PingResult))]
[JsonSerializable(typeof(DnsResult))]
internal sealed partial class OperationJsonContext : JsonSerializerContext;
