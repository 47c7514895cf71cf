// Loads Tests/Protos/interop.proto and health.proto with @grpc/proto-loader, as any Node.js gRPC user would.
import grpc from "@grpc/grpc-js";
import protoLoader from "@grpc/proto-loader";
import { fileURLToPath } from "node:url";
import path from "node:path";

const protos = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "Protos");
const options = { keepCase: false, longs: String, enums: String, defaults: true, oneofs: true };

export const interop = grpc.loadPackageDefinition(
  protoLoader.loadSync(path.join(protos, "interop.proto"), options)).traceapp.interop;
export const health = grpc.loadPackageDefinition(
  protoLoader.loadSync(path.join(protos, "health.proto"), options)).grpc.health.v1;
export { grpc };
