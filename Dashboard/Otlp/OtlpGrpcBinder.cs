using Google.Protobuf;
using Grpc.Core;

namespace TraceApp.Dashboard.Otlp;

/// <summary>
/// Passes the generated unary methods on to Grpc.AspNetCore with a request deserializer that turns a message that
/// does not parse into INVALID_ARGUMENT. Grpc.AspNetCore reports any deserializer exception as UNKNOWN
/// ("Exception was thrown by handler"), but a malformed export is the client's fault and must not be retried.
/// </summary>
internal sealed class OtlpGrpcBinder(ServiceBinderBase inner) : ServiceBinderBase
{
    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler)
        where TRequest : class
        where TResponse : class
    {
        var deserialize = method.RequestMarshaller.ContextualDeserializer;
        var requestMarshaller = new Marshaller<TRequest>(method.RequestMarshaller.ContextualSerializer, context =>
        {
            try
            {
                return deserialize(context);
            }
            catch (InvalidProtocolBufferException exception)
            {
                throw new RpcException(new Status(StatusCode.InvalidArgument, $"The request is not a valid {typeof(TRequest).Name}: {exception.Message}"));
            }
        });
        inner.AddMethod(new Method<TRequest, TResponse>(method.Type, method.ServiceName, method.Name, requestMarshaller, method.ResponseMarshaller), handler);
    }
}
