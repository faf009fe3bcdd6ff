import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import {
  createRemoteJWKSet,
  exportJWK,
  generateKeyPair,
  jwtVerify,
  SignJWT,
  type JWK,
  type JWTPayload,
} from 'jose';

type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

/** How one learner's launch departs from a correct one (the refusal tests). */
export interface LaunchScenario {
  /** Sign with a key the platform never published (under the published kid). */
  forgeSignature?: boolean;
  /** Another tool's client id as the audience. */
  audience?: string;
  /** Seconds from now for `exp` (negative: already expired). */
  expiresIn?: number;
  deploymentId?: string;
  /** Send the id_token of an earlier login (its nonce already spent) with this login's state. */
  replayPrevious?: boolean;
  /** Deep linking rather than a resource link. */
  deepLinking?: boolean;
}

export interface RecordedScore {
  authorization: string;
  contentType: string;
  body: Record<string, unknown>;
}

/**
 * An LTI 1.3 platform that follows the specification, for tests: it initiates the OIDC login
 * in the browser (an auto-posted form to the tool's login URL), answers the authorization
 * request with a signed id_token in an auto-posted form, publishes its JWKS, grants AGS
 * tokens only for a client assertion signed by a key at the tool's JWKS URL, and records the
 * scores posted to its line item. `down` makes its token and score endpoints answer 503.
 */
export class TestPlatform {
  readonly issuer: string;
  readonly clientId = `client-${randomUUID().slice(0, 8)}`;
  readonly deploymentId = 'deployment-1';
  readonly scores: RecordedScore[] = [];
  readonly deepLinkResponses: JWTPayload[] = [];
  readonly issuedTokens: string[] = [];
  readonly scenarios = new Map<string, LaunchScenario>();
  down = false;
  private readonly kid = 'platform-key-1';

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly key: PrivateKey,
    private readonly publicJwk: JWK,
    private readonly forger: PrivateKey,
    private readonly tool: {
      loginUrl: string;
      launchUrl: string;
      deepLinkUrl: string;
      jwksUrl: string;
    },
  ) {
    this.issuer = url;
  }

  static async start(tool: {
    loginUrl: string;
    launchUrl: string;
    deepLinkUrl: string;
    jwksUrl: string;
  }): Promise<TestPlatform> {
    const pair = await generateKeyPair('RS256', { extractable: true });
    const forger = await generateKeyPair('RS256');
    const publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'platform-key-1', alg: 'RS256' };
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const platform = new TestPlatform(
      server,
      url,
      pair.privateKey,
      publicJwk,
      forger.privateKey,
      tool,
    );
    server.on('request', (req, res) => {
      platform.handle(req).then(
        ({ status, type, body }) => res.writeHead(status, { 'content-type': type }).end(body),
        (err: Error) => res.writeHead(400, { 'content-type': 'text/plain' }).end(err.message),
      );
    });
    return platform;
  }

  get registration() {
    return {
      issuer: this.issuer,
      clientId: this.clientId,
      deploymentIds: [this.deploymentId],
      authorizationUrl: `${this.url}/auth`,
      tokenUrl: `${this.url}/token`,
      jwksUrl: `${this.url}/jwks`,
    };
  }

  /** Where a learner's browser starts: the course link in the platform. */
  startUrl(learner: string): string {
    return `${this.url}/start?learner=${encodeURIComponent(learner)}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private async handle(req: IncomingMessage) {
    const url = new URL(req.url ?? '/', this.url);
    const html = (body: string) => ({ status: 200, type: 'text/html', body });
    if (url.pathname === '/jwks') {
      return {
        status: 200,
        type: 'application/json',
        body: JSON.stringify({ keys: [this.publicJwk] }),
      };
    }
    if (url.pathname === '/start') {
      const learner = url.searchParams.get('learner') ?? '';
      const deepLinking = this.scenarios.get(learner)?.deepLinking;
      return html(
        autoPost(this.tool.loginUrl, {
          iss: this.issuer,
          login_hint: learner,
          target_link_uri: deepLinking ? this.tool.deepLinkUrl : this.tool.launchUrl,
          client_id: this.clientId,
          lti_deployment_id: this.deploymentId,
          lti_message_hint: `hint-${learner}`,
        }),
      );
    }
    if (url.pathname === '/auth') {
      const q = url.searchParams;
      const expect = {
        scope: 'openid',
        response_type: 'id_token',
        response_mode: 'form_post',
        prompt: 'none',
        client_id: this.clientId,
      };
      for (const [k, v] of Object.entries(expect))
        if (q.get(k) !== v) throw new Error(`authorization request: ${k} is ${q.get(k)}`);
      const learner = q.get('login_hint')!;
      if (q.get('lti_message_hint') !== `hint-${learner}`) throw new Error('lti_message_hint lost');
      const redirect = q.get('redirect_uri')!;
      if (redirect !== this.tool.launchUrl && redirect !== this.tool.deepLinkUrl)
        throw new Error('redirect_uri is not registered');
      const scenario = this.scenarios.get(learner) ?? {};
      const token = scenario.replayPrevious
        ? this.issuedTokens.at(-1)!
        : await this.idToken(learner, q.get('nonce')!, scenario);
      this.issuedTokens.push(token);
      return html(autoPost(redirect, { id_token: token, state: q.get('state')! }));
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      if (this.down) return { status: 503, type: 'text/plain', body: 'down' };
      const form = new URLSearchParams(await readBody(req));
      if (form.get('grant_type') !== 'client_credentials') throw new Error('grant_type');
      if (
        form.get('client_assertion_type') !==
        'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'
      )
        throw new Error('client_assertion_type');
      if (
        !form
          .get('scope')
          ?.split(' ')
          .includes('https://purl.imsglobal.org/spec/lti-ags/scope/score')
      )
        throw new Error('scope');
      const { payload } = await jwtVerify(
        form.get('client_assertion')!,
        createRemoteJWKSet(new URL(this.tool.jwksUrl)),
        { issuer: this.clientId, subject: this.clientId, audience: `${this.url}/token` },
      );
      if (!payload.jti) throw new Error('client assertion without jti');
      return {
        status: 200,
        type: 'application/json',
        body: JSON.stringify({
          access_token: 'ags-token-1',
          token_type: 'Bearer',
          expires_in: 3600,
          scope: form.get('scope'),
        }),
      };
    }
    if (url.pathname === '/lineitems/1/scores' && req.method === 'POST') {
      if (this.down) return { status: 503, type: 'text/plain', body: 'down' };
      if (req.headers.authorization !== 'Bearer ags-token-1')
        return { status: 401, type: 'text/plain', body: 'unauthorized' };
      this.scores.push({
        authorization: req.headers.authorization,
        contentType: String(req.headers['content-type']),
        body: JSON.parse(await readBody(req)) as Record<string, unknown>,
      });
      return { status: 200, type: 'application/json', body: '{}' };
    }
    if (url.pathname === '/deep-link-return' && req.method === 'POST') {
      const form = new URLSearchParams(await readBody(req));
      const { payload } = await jwtVerify(
        form.get('JWT')!,
        createRemoteJWKSet(new URL(this.tool.jwksUrl)),
        { issuer: this.clientId, audience: this.issuer },
      );
      this.deepLinkResponses.push(payload);
      return html('<p id="added">Added</p>');
    }
    return { status: 404, type: 'text/plain', body: 'not found' };
  }

  private async idToken(learner: string, nonce: string, scenario: LaunchScenario): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const claims: JWTPayload = {
      nonce,
      name: `Learner ${learner}`,
      email: `${learner}@platform.test`,
      'https://purl.imsglobal.org/spec/lti/claim/deployment_id':
        scenario.deploymentId ?? this.deploymentId,
      'https://purl.imsglobal.org/spec/lti/claim/version': '1.3.0',
      'https://purl.imsglobal.org/spec/lti/claim/roles': [
        'http://purl.imsglobal.org/vocab/lis/v2/membership#Learner',
      ],
    };
    if (scenario.deepLinking) {
      claims['https://purl.imsglobal.org/spec/lti/claim/message_type'] = 'LtiDeepLinkingRequest';
      claims['https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings'] = {
        deep_link_return_url: `${this.url}/deep-link-return`,
        accept_types: ['ltiResourceLink'],
        accept_presentation_document_targets: ['iframe', 'window'],
        data: 'opaque-platform-data',
      };
    } else {
      claims['https://purl.imsglobal.org/spec/lti/claim/message_type'] = 'LtiResourceLinkRequest';
      claims['https://purl.imsglobal.org/spec/lti/claim/resource_link'] = { id: 'link-1' };
      claims['https://purl.imsglobal.org/spec/lti/claim/target_link_uri'] = this.tool.launchUrl;
      claims['https://purl.imsglobal.org/spec/lti-ags/claim/endpoint'] = {
        scope: [
          'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem',
          'https://purl.imsglobal.org/spec/lti-ags/scope/score',
        ],
        lineitem: `${this.url}/lineitems/1`,
      };
    }
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: this.kid, typ: 'JWT' })
      .setIssuer(this.issuer)
      .setSubject(learner)
      .setAudience(scenario.audience ?? this.clientId)
      .setIssuedAt(now)
      .setExpirationTime(now + (scenario.expiresIn ?? 300))
      .sign(scenario.forgeSignature ? this.forger : this.key);
  }
}

/** A page that posts a form as soon as it loads, as platforms do between LTI steps. */
function autoPost(action: string, fields: Record<string, string>): string {
  const inputs = Object.entries(fields)
    .map(([k, v]) => `<input type="hidden" name="${k}" value="${escapeAttr(v)}">`)
    .join('');
  return `<!doctype html><html><body><form method="post" action="${escapeAttr(action)}">${inputs}</form>
<script>document.forms[0].submit()</script></body></html>`;
}

function escapeAttr(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
