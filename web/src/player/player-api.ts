import {
  AuthError,
  RejectedError,
  TransientError,
  type CommitAck,
  type RefusedCommit,
  type RuntimeCommit,
} from './commit-queue.js';
import type { ScormVersion } from './sco-runtime.js';
import type { ActivityDefinition } from './sequencer.js';

export interface PlayerItem {
  id: string;
  title: string;
  scormType: string;
  visible: boolean;
  choice: boolean;
  forwardOnly: boolean;
  launchUrl: string;
  completed: boolean;
  init: Record<string, string>;
}

export interface PlayerSession {
  registrationId: string;
  attemptId: string;
  scormVersion: ScormVersion;
  courseTitle: string;
  learner: { id: string; name: string | null };
  items: PlayerItem[];
  startItemId: string;
  tokenExpiresAt: string;
  autocommitSeconds: number;
  parkAfterSeconds: number;
  /** SCORM 2004: the activity tree and its sequencing, which the player's engine follows. */
  sequencing: ActivityDefinition | null;
  /** The engine's state saved by this registration's last session, on any device. */
  sequencingState: Record<string, unknown> | null;
}

interface GraphQLResult<T> {
  data?: T;
  errors?: Array<{ message: string; extensions?: { code?: string; element?: string } }>;
}

/** POSTs a GraphQL operation with the launch token; maps failures to the queue's error kinds. */
async function call<T>(
  query: string,
  variables: Record<string, unknown>,
  token: string,
): Promise<T> {
  let res: Response;
  try {
    res = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
  } catch (err) {
    throw new TransientError(String(err));
  }
  if (res.status >= 500) throw new TransientError(`HTTP ${res.status}`);
  let body: GraphQLResult<T>;
  try {
    body = (await res.json()) as GraphQLResult<T>;
  } catch {
    throw new TransientError(`HTTP ${res.status} without JSON`);
  }
  const error = body.errors?.[0];
  if (error) {
    const code = error.extensions?.code;
    // A revoked or expired dispatch ends the launch as surely as a refused token does.
    if (code === 'UNAUTHENTICATED' || code === 'DISPATCH_REVOKED' || code === 'DISPATCH_EXPIRED')
      throw new AuthError(error.message);
    if (code === 'BAD_USER_INPUT' || code === 'PAYLOAD_TOO_LARGE')
      throw new RejectedError(error.message, error.extensions?.element, code);
    throw new TransientError(error.message);
  }
  return body.data as T;
}

export async function fetchPlayerSession(token: string): Promise<PlayerSession> {
  const data = await call<{ playerSession: PlayerSession }>(
    `query PlayerSession { playerSession { registrationId attemptId scormVersion courseTitle tokenExpiresAt startItemId
      autocommitSeconds parkAfterSeconds sequencing sequencingState learner { id name } items { id title scormType visible choice forwardOnly launchUrl completed init } } }`,
    {},
    token,
  );
  return data.playerSession;
}

export async function sendCommit(commit: RuntimeCommit, token: string): Promise<CommitAck> {
  const data = await call<{ commitRuntime: CommitAck }>(
    `mutation CommitRuntime($input: CommitRuntimeInput!) {
      commitRuntime(input: $input) { accepted registration { status progress score { scaled raw min max } } } }`,
    { input: commit },
    token,
  );
  return data.commitRuntime;
}

/** Keeps the sequencing engine's state on the server; false when a newer one is kept. */
export async function saveSequencingState(
  input: { attemptId: string; seq: number; state: Record<string, unknown> },
  token: string,
): Promise<boolean> {
  const data = await call<{ saveSequencingState: boolean }>(
    'mutation SaveSequencingState($input: SequencingStateInput!) { saveSequencingState(input: $input) }',
    { input },
    token,
  );
  return data.saveSequencingState;
}

export async function renewLaunch(
  token: string,
): Promise<{ token: string; expiresAt: string } | null> {
  try {
    const data = await call<{ renewLaunch: { token: string; expiresAt: string } }>(
      'mutation RenewLaunch { renewLaunch { token expiresAt } }',
      {},
      token,
    );
    return data.renewLaunch;
  } catch (err) {
    if (err instanceof AuthError) return null;
    throw err;
  }
}

/** Records a refused commit on the registration, for the admin; failures are the caller's. */
export async function reportRuntimeProblem(refused: RefusedCommit, token: string): Promise<void> {
  await call<{ reportRuntimeProblem: boolean }>(
    `mutation ReportRuntimeProblem($input: RuntimeProblemInput!) { reportRuntimeProblem(input: $input) }`,
    {
      input: {
        attemptId: refused.commit.attemptId,
        seq: refused.commit.seq,
        scoId: refused.commit.scoId,
        element: refused.element,
        code: refused.code,
        // The server bounds every string argument at 1,000 characters.
        message: refused.message.slice(0, 1000),
        occurredAt: refused.at.toISOString(),
      },
    },
    token,
  );
}
