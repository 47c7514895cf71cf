using System.Buffers;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace TraceApp.Dashboard.Otlp;

/// <summary>
/// One OTLP/HTTP export: 415 for an encoding or compression it does not speak, 400 (ProblemDetails) for a body
/// that is malformed or over the limit, otherwise the Export response (with any partial success) in the
/// request's format. A refused request changes nothing, so the receiver keeps serving.
/// </summary>
internal sealed partial class OtlpHttpExportHandler(int maxRequestSize, ILogger logger)
{
    public async Task HandleAsync<TRequest>(HttpContext context, MessageParser<TRequest> parser, Func<TRequest, IMessage> export)
        where TRequest : IMessage<TRequest>, new()
    {
        var request = context.Request;
        if (OtlpHttpFormats.FromContentType(request.ContentType) is not { } format)
        {
            await RejectAsync(context, StatusCodes.Status415UnsupportedMediaType,
                $"Send OTLP as {OtlpHttpFormats.ProtobufContentType} or {OtlpHttpFormats.JsonContentType}.");
            return;
        }

        var encoding = request.Headers.ContentEncoding.ToString();
        var gzip = string.Equals(encoding, "gzip", StringComparison.OrdinalIgnoreCase);
        if (!gzip && encoding is not ("" or "identity"))
        {
            await RejectAsync(context, StatusCodes.Status415UnsupportedMediaType,
                $"Unsupported Content-Encoding '{encoding}': send gzip or no encoding.");
            return;
        }

        TRequest message;
        try
        {
            message = await OtlpHttpBody.ReadAsync(request, gzip, maxRequestSize, body => Parse(body, parser, format));
        }
        catch (OtlpRequestTooLargeException exception)
        {
            await RejectAsync(context, StatusCodes.Status400BadRequest, exception.Message);
            return;
        }
        catch (BadHttpRequestException exception)
        {
            // Kestrel refused the body itself: larger than allowed (413), broken chunking, or too slow.
            var detail = exception.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? new OtlpRequestTooLargeException(maxRequestSize).Message
                : "The request body could not be read.";
            await RejectAsync(context, StatusCodes.Status400BadRequest, detail);
            return;
        }
        catch (InvalidDataException exception)
        {
            await RejectAsync(context, StatusCodes.Status400BadRequest,
                $"The body is not a valid OTLP {format} {typeof(TRequest).Name}: {exception.Message}");
            return;
        }

        var response = export(message);
        context.Response.ContentType = format.ContentType();
        if (format == OtlpHttpFormat.Json)
        {
            await context.Response.WriteAsync(OtlpJson.Format(response), context.RequestAborted);
        }
        else
        {
            var bytes = response.ToByteArray();
            context.Response.ContentLength = bytes.Length;
            await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
        }
    }

    private static TRequest Parse<TRequest>(ReadOnlySequence<byte> body, MessageParser<TRequest> parser, OtlpHttpFormat format)
        where TRequest : IMessage<TRequest>, new()
    {
        if (format == OtlpHttpFormat.Json)
        {
            return OtlpJson.Parse<TRequest>(body);
        }

        try
        {
            return parser.ParseFrom(body);
        }
        catch (InvalidProtocolBufferException exception)
        {
            throw new InvalidDataException(exception.Message, exception);
        }
    }

    private async Task RejectAsync(HttpContext context, int status, string detail)
    {
        LogRejected(logger, context.Request.Path.Value ?? "", status, detail);
        await Results.Problem(statusCode: status, detail: detail).ExecuteAsync(context);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "OTLP/HTTP export to {Path} refused with {Status}: {Detail}")]
    private static partial void LogRejected(ILogger logger, string path, int status, string detail);
}
