// Prints every registration update of your organization as it happens (Node 20+).
//   npm install graphql-ws ws
//   COURIER_URL=http://localhost:4000 COURIER_TOKEN=<API key> node subscribe.mjs
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const url = new URL('/graphql', process.env.COURIER_URL ?? 'http://localhost:4000');
url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';

const client = createClient({
  url: url.href,
  webSocketImpl: WebSocket,
  // The token goes in connection_init, not in a header: browsers cannot set WebSocket headers.
  connectionParams: { authorization: `Bearer ${process.env.COURIER_TOKEN}` },
  // Reconnect after a network drop or a server restart, with backoff.
  retryAttempts: Infinity,
  shouldRetry: () => true,
});

const query = `subscription {
  registrationUpdated {
    id
    status
    progress
    learner { id }
    course { id title }
  }
}`;

for await (const result of client.iterate({ query })) {
  if (result.errors) {
    console.error(result.errors.map((e) => e.message).join('; '));
    process.exitCode = 1;
    break;
  }
  const r = result.data.registrationUpdated;
  const percent = r.progress === null ? 'unknown' : `${Math.round(r.progress * 100)}%`;
  console.log(`${r.learner.id} in ${r.course.title}: ${r.status}, ${percent}`);
}
await client.dispose();
