// Subscribes with the npm `nats` client, prints "ready" once the server has the subscription, then prints the
// first message (subject, payload and every header) as one JSON line and exits.
// Usage: node nats-subscribe.mjs <server url> <user> <password> <subject>
import { connect } from "nats";

const [server, user, pass, subject] = process.argv.slice(2);
const nc = await connect({ servers: server, user, pass });
const sub = nc.subscribe(subject, { max: 1 });
await nc.flush();
console.log("ready");
for await (const msg of sub) {
  const hdrs = {};
  for (const [key, values] of msg.headers ?? []) hdrs[key] = values.join(",");
  console.log(JSON.stringify({ subject: msg.subject, data: new TextDecoder().decode(msg.data), headers: hdrs }));
}
await nc.close();
