// Records a parent and a child span with the OpenTelemetry JS SDK (@opentelemetry/sdk-trace-base) and sends them
// through the SDK's own OTLP trace exporter for <protocol>: grpc, proto (http/protobuf) or json (http/json).
// Prints one JSON line: {"traceId","parentSpanId","childSpanId","result":{"code","error"}} (code 0 = success).
// Usage: node otlp-trace-export.mjs <grpc|proto|json> <endpoint base URL> <api key or -> [gzip]
import { trace, context } from "@opentelemetry/api";
import { Metadata } from "@grpc/grpc-js";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { OTLPTraceExporter as GrpcExporter } from "@opentelemetry/exporter-trace-otlp-grpc";
import { OTLPTraceExporter as ProtoExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { OTLPTraceExporter as JsonExporter } from "@opentelemetry/exporter-trace-otlp-http";

const [protocol, endpoint, apiKey, compression] = process.argv.slice(2);
const headers = apiKey && apiKey !== "-" ? { "x-otlp-api-key": apiKey } : {};
const options = { timeoutMillis: 10_000, compression: compression ?? "none" };

function createExporter() {
  if (protocol === "grpc") {
    const metadata = new Metadata();
    for (const [key, value] of Object.entries(headers)) metadata.set(key, value);
    return new GrpcExporter({ ...options, url: endpoint, metadata });
  }
  const url = new URL("v1/traces", endpoint.endsWith("/") ? endpoint : endpoint + "/").toString();
  if (protocol === "proto") return new ProtoExporter({ ...options, url, headers });
  if (protocol === "json") return new JsonExporter({ ...options, url, headers });
  throw new Error(`unknown protocol ${protocol}`);
}

// Spans are collected in memory first, then handed to the OTLP exporter directly, so the export's own result
// (success, or the error the receiver answered) can be reported.
const recorded = new InMemorySpanExporter();
const provider = new BasicTracerProvider({
  resource: resourceFromAttributes({ "service.name": `node-otlp-${protocol}`, "service.instance.id": "node-1" }),
  spanProcessors: [new SimpleSpanProcessor(recorded)],
});
const tracer = provider.getTracer("traceapp-interop", "1.0.0");
const parent = tracer.startSpan("node parent", { attributes: { "interop.protocol": protocol, "interop.count": 42 } });
const child = tracer.startSpan("node child", { kind: 2 }, trace.setSpan(context.active(), parent));
child.addEvent("halfway", { "interop.flag": true });
child.end();
parent.end();
await provider.forceFlush();

const exporter = createExporter();
const result = await new Promise((resolve) => exporter.export(recorded.getFinishedSpans(), resolve));
await exporter.shutdown();
await provider.shutdown();
console.log(JSON.stringify({
  traceId: parent.spanContext().traceId,
  parentSpanId: parent.spanContext().spanId,
  childSpanId: child.spanContext().spanId,
  result: { code: result.code, error: result.error ? String(result.error.message ?? result.error) : null },
}));
