// A traceapp.interop.Echo server (plus grpc.health.v1.Health) on @grpc/grpc-js, on a free loopback port.
// Prints {"port":N} when it serves, then serves until stdin closes. Usage: node grpc-server.mjs
import { grpc, interop, health } from "./grpc-protos.mjs";

const server = new grpc.Server();
server.addService(interop.Echo.service, {
  unary(call, callback) {
    const echo = call.metadata.get("x-echo")[0];
    const trailers = new grpc.Metadata();
    if (echo) {
      const headers = new grpc.Metadata();
      headers.set("x-echo-header", echo);
      call.sendMetadata(headers);
      trailers.set("x-echo-trailer", echo);
    }
    const traceparent = call.metadata.get("traceparent")[0] ?? "";
    callback(null, { text: call.request.text, payload: call.request.payload, traceparent }, trailers);
  },
  stream(call) {
    for (let index = 0; index < call.request.count; index++) call.write({ text: call.request.text, index });
    call.end();
  },
  fail(call, callback) {
    callback({ code: call.request.code, details: call.request.message });
  },
  wait(call, callback) {
    const timer = setTimeout(() => callback(null, { text: "waited" }), call.request.waitMs);
    call.on("cancelled", () => clearTimeout(timer));
  },
});
server.addService(health.Health.service, {
  check(call, callback) {
    callback(null, { status: "SERVING" });
  },
  watch(call) {
    call.write({ status: "SERVING" });
  },
});
server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, port) => {
  if (error) throw error;
  console.log(JSON.stringify({ port }));
});
process.stdin.on("end", () => server.forceShutdown());
process.stdin.resume();
