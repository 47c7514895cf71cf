// A workflow worker written against workflows.proto with @grpc/grpc-js only, as a team using another language would:
// Register, PollTask until a run of <workflow type> arrives, then BeginStep / CompleteStep "greet" and
// CompleteWorkflow. Every call sends a W3C traceparent this script makes itself: a worker trace for Register and
// PollTask; for the run, a workflow_execution-like span that is a child of the traceparent PollTask returned (as the
// C# SDK does) and a step span below it for the step's calls.
// Prints one JSON line per event ("registered", "task", "done"); the test reads them.
// Usage: node workflow-worker.mjs <host:port> <task queue> <workflow type>
import crypto from "node:crypto";
import { grpc, workflows } from "./workflow-protos.mjs";

const [target, taskQueue, workflowType] = process.argv.slice(2);
const namespace = "default";
const worker = new workflows.WorkerService(target, grpc.credentials.createInsecure());
const hex = (bytes) => crypto.randomBytes(bytes).toString("hex");
const traceparent = (traceId, spanId) => `00-${traceId}-${spanId}-01`;
const print = (event) => console.log(JSON.stringify(event));

function call(method, request, parent, timeoutMs = 15_000) {
  const metadata = new grpc.Metadata();
  metadata.set("traceparent", parent);
  return new Promise((resolve, reject) => {
    worker[method](request, metadata, { deadline: new Date(Date.now() + timeoutMs) }, (error, reply) =>
      error ? reject(new Error(`${method}: ${error.code} ${error.details}`)) : resolve(reply));
  });
}

const workerTrace = hex(16);
const workerSpan = hex(8);
const workerContext = traceparent(workerTrace, workerSpan);
const { workerId } = await call("register", {
  namespace, taskQueue, workflowTypes: [workflowType], maxConcurrency: 1, identity: `node ${process.pid}`,
}, workerContext);
print({ event: "registered", workerId, traceparent: workerContext });

let task;
const giveUp = Date.now() + 60_000;
while (!task && Date.now() < giveUp) {
  const reply = await call("pollTask", {
    workerId, namespace, taskQueue, workflowTypes: [workflowType], wait: { seconds: 10, nanos: 0 },
  }, workerContext, 30_000);
  if (reply.hasTask) {
    task = reply;
  }
}
if (!task) {
  throw new Error("no task within 60 s");
}

// The start's trace, continued: workflow_execution is a child of the traceparent stored with the run.
const [, startTrace] = task.traceparent.split("-");
const executionContext = traceparent(startTrace, hex(8));
const stepContext = traceparent(startTrace, hex(8));
print({ event: "task", runId: task.runId, attempt: task.attempt, input: task.input, traceparent: task.traceparent,
  execution: executionContext, step: stepContext });

const { name } = JSON.parse(task.input || "{}");
const begun = await call("beginStep", { workerId, runId: task.runId, stepName: "greet" }, stepContext);
const greeting = begun.shouldExecute ? JSON.stringify({ greeting: `hello ${name}` }) : begun.cachedOutput;
if (begun.shouldExecute) {
  await call("completeStep", { workerId, runId: task.runId, stepName: "greet", output: greeting }, stepContext);
}
const output = JSON.stringify({ ...JSON.parse(greeting), worker: "node", grpc: "@grpc/grpc-js" });
await call("completeWorkflow", { workerId, runId: task.runId, output }, executionContext);
await call("deregister", { workerId }, workerContext);
print({ event: "done", output });
worker.close();
