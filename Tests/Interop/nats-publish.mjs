// Publishes one message with the given headers using the npm `nats` client, then exits.
// Usage: node nats-publish.mjs <server url> <user> <password> <subject> <payload> [header=value ...]
import { connect, headers } from "nats";

const [server, user, pass, subject, payload, ...pairs] = process.argv.slice(2);
const nc = await connect({ servers: server, user, pass });
const h = headers();
for (const pair of pairs) {
  const at = pair.indexOf("=");
  h.append(pair.slice(0, at), pair.slice(at + 1));
}
nc.publish(subject, new TextEncoder().encode(payload), { headers: h });
await nc.flush();
await nc.close();
