import {
  AuthError,
  RejectedError,
  TransientError,
  type CommitAck,
  type RefusedCommit,
  type RuntimeCommit,
} from './commit-queue.js';
import { graphql } from './gql/gql.js';
import type { PlayerSessionQuery, TypedDocumentString } from './gql/graphql.js';
import type { ActivityDefinition } from './sequencer.js';

const PLAYER_SESSION = graphql(`
  query PlayerSession {
    playerSession {
      registrationId
      attemptId
      scormVersion
      courseTitle
      tokenExpiresAt
      startItemId
      autocommitSeconds
      parkAfterSeconds
      sequencing
      sequencingState
      learner {
        id
        name
      }
      items {
        id
        title
        scormType
        visible
        choice
        forwardOnly
        launchUrl
        completed
        init
      }
    }
  }
`);

const COMMIT_RUNTIME = graphql(`
  mutation CommitRuntime($input: CommitRuntimeInput!) {
    commitRuntime(input: $input) {
      accepted
      registration {
        status
        progress
        score {
          scaled
          raw
          min
          max
        }
      }
    }
  }
`);

const RENEW_LAUNCH = graphql(`
  mutation RenewLaunch {
    renewLaunch {
      token
      expiresAt
    }
  }
`);

const SAVE_SEQUENCING_STATE = graphql(`
  mutation SaveSequencingState($input: SequencingStateInput!) {
    saveSequencingState(input: $input)
  }
`);

const REPORT_RUNTIME_PROBLEM = graphql(`
  mutation ReportRuntimeProblem($input: RuntimeProblemInput!) {
    reportRuntimeProblem(input: $input)
  }
`);

type SessionData = PlayerSessionQuery['playerSession'];

/** One item of the course as the player shows and launches it. */
export interface PlayerItem extends Omit<SessionData['items'][number], 'init'> {
  /** The CMI (and adl.data) values the item's runtime starts from, element → value. */
  init: Record<string, string>;
}

/** Everything the player needs to run one launch, from `playerSession`. */
export interface PlayerSession extends Omit<
  SessionData,
  'items' | 'sequencing' | 'sequencingState'
> {
  items: PlayerItem[];
  /** SCORM 2004: the activity tree and its sequencing, which the player's engine follows. */
  sequencing: ActivityDefinition | null;
  /** The engine's state saved by this registration's last session, on any device. */
  sequencingState: Record<string, unknown> | null;
}

interface GraphQLResult<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string; element?: string } }>;
}

/**
 * POSTs a typed operation with the launch token; maps failures to the queue's error kinds.
 * Plain fetch keeps the player's bundle free of a GraphQL client.
 */
async function call<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  token: string,
): Promise<TResult> {
  let res: Response;
  try {
    res = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: document.toString(), variables }),
    });
  } catch (err) {
    throw new TransientError(String(err));
  }
  if (res.status >= 500) throw new TransientError(`HTTP ${res.status}`);
  let body: GraphQLResult<TResult>;
  try {
    body = (await res.json()) as GraphQLResult<TResult>;
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
  if (!body.data) throw new TransientError(`HTTP ${res.status} without data`);
  return body.data;
}

export async function fetchPlayerSession(token: string): Promise<PlayerSession> {
  const data = await call(PLAYER_SESSION, {}, token);
  const { items, sequencing, sequencingState, ...rest } = data.playerSession;
  // The JSON fields are written by the server's own launch code, in these shapes.
  return {
    ...rest,
    items: items.map((item) => ({ ...item, init: item.init as Record<string, string> })),
    sequencing: (sequencing ?? null) as ActivityDefinition | null,
    sequencingState: (sequencingState ?? null) as Record<string, unknown> | null,
  };
}

export async function sendCommit(commit: RuntimeCommit, token: string): Promise<CommitAck> {
  const data = await call(COMMIT_RUNTIME, { input: commit }, token);
  return data.commitRuntime;
}

/** Keeps the sequencing engine's state on the server; false when a newer one is kept. */
export async function saveSequencingState(
  input: { attemptId: string; seq: number; state: Record<string, unknown> },
  token: string,
): Promise<boolean> {
  const data = await call(SAVE_SEQUENCING_STATE, { input }, token);
  return data.saveSequencingState;
}

export async function renewLaunch(
  token: string,
): Promise<{ token: string; expiresAt: string } | null> {
  try {
    const data = await call(RENEW_LAUNCH, {}, token);
    return data.renewLaunch;
  } catch (err) {
    if (err instanceof AuthError) return null;
    throw err;
  }
}

/** Records a refused commit on the registration, for the admin; failures are the caller's. */
export async function reportRuntimeProblem(refused: RefusedCommit, token: string): Promise<void> {
  await call(
    REPORT_RUNTIME_PROBLEM,
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
