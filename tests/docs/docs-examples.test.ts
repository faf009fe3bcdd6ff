import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse, type OperationDefinitionNode } from 'graphql';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { commit, importOk, registerAndLaunch } from '../support/api.js';
import { scorm12Package } from '../support/scorm-packages.js';
import { startTestCourier, type TestCourier } from '../support/test-courier.js';
import { eventually } from '../support/browser.js';

const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../../..');
const docsDir = path.join(repo, 'docs');

interface Example {
  where: string;
  query: string;
  variables: Record<string, unknown>;
}

/** Every ```graphql block of docs/*.md, in file order, with the ```json block after it. */
async function readExamples(): Promise<Example[]> {
  const examples: Example[] = [];
  for (const file of (await readdir(docsDir)).filter((f) => f.endsWith('.md')).sort()) {
    const text = await readFile(path.join(docsDir, file), 'utf8');
    const blocks = [...text.matchAll(/^```(\w*)\n([\s\S]*?)^```/gm)];
    blocks.forEach((block, i) => {
      if (block[1] !== 'graphql') return;
      const next = blocks[i + 1];
      examples.push({
        where: `${file} #${examples.filter((e) => e.where.startsWith(file)).length + 1}`,
        query: block[2]!,
        variables: next?.[1] === 'json' ? (JSON.parse(next[2]!) as Record<string, unknown>) : {},
      });
    });
  }
  return examples;
}

describe('the integrator docs, run against a real server', () => {
  let courier: TestCourier;
  let apiKey: string;
  let fixture: Record<string, unknown>;
  let dispatchAuth: string;
  let seedLaunch: Awaited<ReturnType<typeof registerAndLaunch>>;
  let seq = 0;
  let receiver: Server;
  let receiverUrl: string;
  const received: Array<{ header: string; body: string }> = [];
  let child: ChildProcess | undefined;

  before(async () => {
    courier = await startTestCourier({ WEBHOOK_ALLOW_PRIVATE: 'true' });
    const owner = await courier.ownerToken();
    apiKey = (await courier.gqlOk('mutation { createApiKey(name: "docs") { token } }', {}, owner))
      .createApiKey.token;
    const courseId = await importOk(
      courier,
      owner,
      await scorm12Package({ title: 'Documented', scoCount: 2 }),
    );
    seedLaunch = await registerAndLaunch(courier, apiKey, courseId, { id: 'seed-1', name: 'S' });
    await commit(
      courier,
      seedLaunch,
      ++seq,
      { 'cmi.core.lesson_status': 'completed' },
      {
        scoId: 'item_1',
      },
    );
    const { createDispatch } = await courier.gqlOk(
      'mutation($i: CreateDispatchInput!) { createDispatch(input: $i) { key secret dispatch { id } } }',
      { i: { courseId, recipientName: 'Host LMS' } },
      owner,
    );
    // The learner the completion report example names.
    await courier.gqlOk(
      'mutation($k: String!) { launchDispatch(key: $k, learner: { id: "host-learner-7" }) { token } }',
      { k: createDispatch.key },
    );
    dispatchAuth = `Basic ${Buffer.from(`${createDispatch.key}:${createDispatch.secret}`).toString('base64')}`;
    fixture = {
      courseId,
      registrationId: seedLaunch.registrationId,
      dispatchId: createDispatch.dispatch.id,
    };
    receiver = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      received.push({
        header: String(req.headers['courier-signature']),
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res.writeHead(204).end();
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hook`;
  });
  after(async () => {
    child?.kill();
    await new Promise((resolve) => receiver?.close(resolve));
    await courier?.stop();
  });

  /** Runs a subscription until its first event, which a new registration causes. */
  async function firstEvent(query: string, variables: Record<string, unknown>) {
    // The subscription is live once the server holds a listener for its topic; then commit.
    const topic = query.includes('organizationStatsUpdated')
      ? 'STATS_CHANGED'
      : 'REGISTRATION_UPDATED';
    const listening = () => courier.services.events.listenerCount(topic);
    const before = listening();
    const client = createClient({
      url: courier.url.replace(/^http/, 'ws') + '/graphql',
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${apiKey}` },
    });
    try {
      const results = client.iterate({ query, variables });
      const first = results.next();
      let failure: unknown = null;
      first.catch((err: unknown) => (failure = err));
      await eventually(
        async () => {
          if (failure) throw new Error(`the subscription failed: ${JSON.stringify(failure)}`);
          return listening() > before;
        },
        10_000,
        `the subscription to ${topic}`,
      );
      // A new learner moves both a registration and the stats.
      await courier.gqlOk(
        'mutation($c: ID!, $l: LearnerInput!) { createRegistration(courseId: $c, learner: $l) { id } }',
        { c: fixture['courseId'], l: { id: `watched-${++seq}` } },
        apiKey,
      );
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no event for ${topic}`)), 10_000);
      });
      const { value } = await Promise.race([first, deadline]).finally(() => clearTimeout(timer));
      await results.return?.();
      return value as { data?: unknown; errors?: unknown };
    } finally {
      await client.dispose();
    }
  }

  it('every GraphQL example answers without errors', async () => {
    const examples = await readExamples();
    assert.ok(examples.length >= 10, `found ${examples.length} examples`);
    for (const example of examples) {
      const operation = parse(example.query).definitions[0] as OperationDefinitionNode;
      const variables: Record<string, unknown> = { ...example.variables };
      for (const definition of operation.variableDefinitions ?? []) {
        const name = definition.variable.name.value;
        if (name in fixture) variables[name] = fixture[name];
      }
      if (operation.name?.value === 'AddWebhook')
        variables['input'] = { ...(variables['input'] as object), url: receiverUrl };
      assert.doesNotMatch(JSON.stringify(variables), /<[a-z ]+>/, `${example.where} placeholders`);

      let result: { data?: unknown; errors?: unknown };
      if (operation.operation === 'subscription') {
        result = await firstEvent(example.query, variables);
      } else {
        const basic = example.query.includes('reportDispatchCompletion');
        const res = await fetch(`${courier.url}/graphql`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: basic ? dispatchAuth : `Bearer ${apiKey}`,
          },
          body: JSON.stringify({ query: example.query, variables }),
        });
        result = (await res.json()) as typeof result;
      }
      assert.equal(result.errors, undefined, `${example.where}: ${JSON.stringify(result.errors)}`);
      assert.ok(result.data, example.where);
    }
  });

  it('the Node subscription example prints a live update', async () => {
    const file = path.join(docsDir, 'examples/subscribe.mjs');
    const source = await readFile(file, 'utf8');
    const page = await readFile(path.join(docsDir, 'subscriptions.md'), 'utf8');
    assert.ok(page.includes(source), 'subscriptions.md shows examples/subscribe.mjs as it is');

    const listeners = courier.services.events.listenerCount('REGISTRATION_UPDATED');
    child = spawn(process.execPath, [file], {
      env: { ...process.env, COURIER_URL: courier.url, COURIER_TOKEN: apiKey },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await eventually(
      async () => courier.services.events.listenerCount('REGISTRATION_UPDATED') > listeners,
      15_000,
      `the example to subscribe (output: ${output})`,
    );
    await commit(
      courier,
      seedLaunch,
      ++seq,
      { 'cmi.core.lesson_location': 'live' },
      {
        scoId: 'item_2',
      },
    );
    const line = await eventually(async () => output.split('\n').find((l) => l.length > 0));
    assert.equal(line, 'seed-1 in Documented: IN_PROGRESS, 50%');
  });

  it('the webhook verification example accepts real deliveries and refuses tampered ones', async () => {
    const { verifyCourierSignature } = (await import(
      path.join(docsDir, 'examples/verify-webhook.mjs')
    )) as {
      verifyCourierSignature: (secret: string, header: string, body: string) => boolean;
    };
    const page = await readFile(path.join(docsDir, 'webhooks.md'), 'utf8');
    const source = await readFile(path.join(docsDir, 'examples/verify-webhook.mjs'), 'utf8');
    assert.ok(page.includes(source), 'webhooks.md shows examples/verify-webhook.mjs as it is');

    const owner = await courier.ownerToken();
    const { createWebhookEndpoint } = await courier.gqlOk(
      'mutation($i: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $i) { secret endpoint { id } } }',
      { i: { url: receiverUrl, events: ['registration.completed'] } },
      owner,
    );
    const before = received.length;
    await courier.gqlOk(
      'mutation($id: ID!) { sendTestWebhook(id: $id) { id } }',
      { id: createWebhookEndpoint.endpoint.id },
      owner,
    );
    const delivery = await eventually(async () => {
      courier.services.webhooks.poke();
      return received.slice(before).find((r) => r.body.includes('"ping"'));
    }, 15_000);
    const secret: string = createWebhookEndpoint.secret;
    assert.equal(verifyCourierSignature(secret, delivery.header, delivery.body), true);
    assert.equal(verifyCourierSignature(secret, delivery.header, delivery.body + ' '), false);
    assert.equal(verifyCourierSignature('wrong', delivery.header, delivery.body), false);
  });
});
