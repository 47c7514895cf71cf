// Loads Workflows/Protos/workflows.proto with @grpc/proto-loader, as any Node.js gRPC user would.
import grpc from "@grpc/grpc-js";
import protoLoader from "@grpc/proto-loader";
import { fileURLToPath } from "node:url";
import path from "node:path";

const protos = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "Workflows", "Protos");
const options = { keepCase: false, longs: String, enums: String, defaults: true, oneofs: true };

export const workflows = grpc.loadPackageDefinition(
  protoLoader.loadSync(path.join(protos, "workflows.proto"), options)).traceapp.workflows.v1;
export { grpc };
