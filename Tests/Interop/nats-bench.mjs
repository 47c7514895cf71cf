// The npm `nats` client doing what Benchmarks/NatsBenchmark does, against the same server.
// Usage: node nats-bench.mjs <server url> <user> <password> pub <count>   -> {"msgsPerSecond": n}
//        node nats-bench.mjs <server url> <user> <password> req <count>   -> {"p50Micros": n, "p99Micros": n}
import { connect } from "nats";

const [server, user, pass, mode, countText] = process.argv.slice(2);
const count = Number(countText);
const nc = await connect({ servers: server, user, pass });
const payload = new Uint8Array(128);

if (mode === "pub") {
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) nc.publish("bench.pub", payload);
  await nc.flush();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(JSON.stringify({ msgsPerSecond: count / seconds }));
} else {
  const micros = [];
  for (let i = 0; i < count; i++) {
    const start = process.hrtime.bigint();
    await nc.request("bench.req", payload, { timeout: 5000 });
    micros.push(Number(process.hrtime.bigint() - start) / 1e3);
  }
  micros.sort((a, b) => a - b);
  const at = (q) => micros[Math.min(micros.length - 1, Math.floor(q * micros.length))];
  console.log(JSON.stringify({ p50Micros: at(0.5), p99Micros: at(0.99) }));
}
await nc.close();
