using System.Buffers;
using System.IO.Compression;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace TraceApp.Dashboard.Otlp;

/// <summary>
/// Reads an OTLP/HTTP body, gunzipping it if asked, and never buffers more than the size limit: past it the read
/// stops with <see cref="OtlpRequestTooLargeException"/>. An uncompressed body is parsed straight from Kestrel's
/// buffers, without a copy.
/// </summary>
internal static class OtlpHttpBody
{
    public static async Task<T> ReadAsync<T>(HttpRequest request, bool gzip, int maxSize, Func<ReadOnlySequence<byte>, T> parse)
    {
        if (request.ContentLength > maxSize)
        {
            throw new OtlpRequestTooLargeException(maxSize);
        }

        // Kestrel's own limit (30 MB by default) must not cut in before ours, nor answer 413 instead of our 400.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxSize + 1L;
        }

        return gzip
            ? await ReadGzipAsync(request, maxSize, parse)
            : await ReadPlainAsync(request, maxSize, parse);
    }

    private static async Task<T> ReadPlainAsync<T>(HttpRequest request, int maxSize, Func<ReadOnlySequence<byte>, T> parse)
    {
        var reader = request.BodyReader;
        while (true)
        {
            var read = await reader.ReadAsync(request.HttpContext.RequestAborted);
            var buffer = read.Buffer;
            if (buffer.Length > maxSize)
            {
                reader.AdvanceTo(buffer.End);
                throw new OtlpRequestTooLargeException(maxSize);
            }

            if (read.IsCompleted)
            {
                try
                {
                    return parse(buffer);
                }
                finally
                {
                    reader.AdvanceTo(buffer.End);
                }
            }

            reader.AdvanceTo(buffer.Start, buffer.End); // nothing consumed yet: wait for the rest
        }
    }

    private static async Task<T> ReadGzipAsync<T>(HttpRequest request, int maxSize, Func<ReadOnlySequence<byte>, T> parse)
    {
        await using var gunzip = new GZipStream(request.Body, CompressionMode.Decompress, leaveOpen: true);
        var decompressed = new ArrayBufferWriter<byte>(64 * 1024);
        int read;
        do
        {
            // One byte more than allowed is enough to tell an oversized body, so a gzip bomb costs at most the limit.
            var room = Math.Min(64 * 1024, maxSize + 1 - decompressed.WrittenCount);
            if (room <= 0)
            {
                throw new OtlpRequestTooLargeException(maxSize);
            }

            read = await gunzip.ReadAsync(decompressed.GetMemory(room)[..room], request.HttpContext.RequestAborted);
            decompressed.Advance(read);
        }
        while (read > 0);

        return parse(new ReadOnlySequence<byte>(decompressed.WrittenMemory));
    }
}

/// <summary>An export larger than the receiver's limit (HTTP answers 400).</summary>
internal sealed class OtlpRequestTooLargeException(int maxSize)
    : Exception($"The export is larger than the {maxSize}-byte limit.");
