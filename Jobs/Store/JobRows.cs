using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using TraceApp.Jobs.Contracts;

namespace TraceApp.Jobs.Store;

/// <summary>Maps rows of <c>jobs</c>, <c>job_events</c> and <c>job_results</c> to the contracts, and values to parameters.</summary>
internal static class JobRows
{
    public const string JobColumns =
        "id, operation, kind, target, params, status, worker, trace_id, traceparent, retry_of, expected_workers, attempts, " +
        "created_at, updated_at, ack_deadline, finished_at, error";

    public const int JobColumnCount = 17;

    public static Job ReadJob(NpgsqlDataReader reader) => new(
        reader.GetGuid(0),
        reader.GetString(1),
        Enum.Parse<JobKind>(reader.GetString(2), ignoreCase: true),
        reader.GetString(3),
        ReadJson(reader, 4),
        JobStatusNames.ParseStatus(reader.GetString(5)),
        NullableString(reader, 6),
        NullableString(reader, 7),
        NullableString(reader, 8),
        reader.IsDBNull(9) ? null : reader.GetGuid(9),
        reader.IsDBNull(10) ? null : reader.GetFieldValue<string[]>(10),
        reader.GetInt32(11),
        reader.GetFieldValue<DateTimeOffset>(12),
        reader.GetFieldValue<DateTimeOffset>(13),
        NullableTime(reader, 14),
        NullableTime(reader, 15),
        NullableString(reader, 16));

    public const string EventColumns = "type, worker, occurred_at, trace_id, message";

    public static JobEvent ReadEvent(NpgsqlDataReader reader) => new(
        JobStatusNames.ParseEventType(reader.GetString(0)),
        NullableString(reader, 1),
        reader.GetFieldValue<DateTimeOffset>(2),
        NullableString(reader, 3),
        NullableString(reader, 4));

    public const string ResultColumns = "worker, host, payload, error, recorded_at";

    public static JobResult ReadResult(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        ReadJson(reader, 2),
        NullableString(reader, 3),
        reader.GetFieldValue<DateTimeOffset>(4));

    public static NpgsqlParameter Json(JsonElement? value) => new()
    {
        NpgsqlDbType = NpgsqlDbType.Jsonb,
        Value = value is { ValueKind: not (JsonValueKind.Undefined or JsonValueKind.Null) } json ? json.GetRawText() : DBNull.Value,
    };

    public static NpgsqlParameter Value(object? value) => new() { Value = value ?? DBNull.Value };

    public static NpgsqlParameter Text(string? value) => new() { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value };

    public static NpgsqlParameter Statuses(IEnumerable<JobStatus> statuses) =>
        new() { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = statuses.Select(s => s.ToStorage()).ToArray() };

    public static async Task<IReadOnlyList<T>> ReadAllAsync<T>(NpgsqlCommand command, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var items = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(read(reader));
        }

        return items;
    }

    private static JsonElement? ReadJson(NpgsqlDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
        {
            return null;
        }

        using var document = JsonDocument.Parse(reader.GetString(ordinal));
        return document.RootElement.Clone();
    }

    private static string? NullableString(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static DateTimeOffset? NullableTime(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);
}
