// Calls a traceapp.interop.Echo server with @grpc/grpc-js the ways the interop test checks, and prints one JSON
// line with every outcome. Usage: node grpc-client.mjs <host:port> <traceparent>
import { grpc, interop, health } from "./grpc-protos.mjs";

const [target, traceparent] = process.argv.slice(2);
const echo = new interop.Echo(target, grpc.credentials.createInsecure());
const checker = new health.Health(target, grpc.credentials.createInsecure());
const deadline = (ms) => new Date(Date.now() + ms);
const failure = (error) => ({ code: error.code, details: error.details });

function unary(client, method, request, metadata = new grpc.Metadata(), options = {}) {
  // Settles once both the callback (reply or error) and the status (with the trailers) have arrived.
  return new Promise((resolve) => {
    let headers = {};
    let outcome;
    let trailers;
    const settle = () => outcome && trailers && resolve({ ...outcome, headers, trailers });
    const call = client[method](request, metadata, { deadline: deadline(10_000), ...options }, (error, reply) => {
      outcome = error ? { error: failure(error) } : { reply };
      settle();
    });
    call.on("metadata", (m) => { headers = m.getMap(); });
    call.on("status", (s) => { trailers = s.metadata.getMap(); settle(); });
  });
}

function stream(request) {
  return new Promise((resolve) => {
    const replies = [];
    const call = echo.stream(request, new grpc.Metadata(), { deadline: deadline(10_000) });
    call.on("data", (reply) => replies.push(reply));
    call.on("error", (error) => resolve({ replies, error: failure(error) }));
    call.on("end", () => resolve({ replies }));
  });
}

const traced = new grpc.Metadata();
traced.set("traceparent", traceparent);
traced.set("x-echo", "from node");
const results = {
  unary: await unary(echo, "unary", { text: "hello", payload: Buffer.from([1, 2, 3]) }, traced),
  stream: await stream({ text: "tick", count: 3 }),
  fail: await unary(echo, "fail", { code: 5, message: "no such thing: ü 100%" }),
  crash: await unary(echo, "fail", { code: -1, message: "secret internals" }),
  deadline: await unary(echo, "wait", { waitMs: 10_000 }, new grpc.Metadata(), { deadline: deadline(200) }),
  unknown: await new Promise((resolve) => echo.makeUnaryRequest("/traceapp.interop.Echo/Missing",
    (x) => x, (x) => x, Buffer.alloc(0), (error) => resolve({ error: error && failure(error) }))),
  health: await unary(checker, "check", { service: "" }),
};
console.log(JSON.stringify(results));
echo.close();
checker.close();
