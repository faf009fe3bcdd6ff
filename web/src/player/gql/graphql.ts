/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type CommitRuntimeInput = {
  /** From the Launch: one per player session. */
  attemptId: string | number;
  /** Flat element → value set since the last commit (or all of them); merged into the SCO’s CMI. */
  cmi: unknown;
  /** True on the commit sent by LMSFinish / Terminate. */
  finished?: boolean | null | undefined;
  /** The manifest item identifier; the first SCO when omitted. */
  scoId?: string | null | undefined;
  /** 1, 2, 3 … within the attempt; a repeat is acknowledged and ignored. */
  seq: number;
  /** One per SCO launch inside the player; its session_time counts once. Defaults to attemptId. */
  sessionId?: string | null | undefined;
};

export type RegistrationStatus =
  | 'COMPLETED'
  | 'FAILED'
  | 'IN_PROGRESS'
  | 'NOT_STARTED'
  | 'PASSED';

export type RuntimeProblemInput = {
  attemptId: string | number;
  /** The refusal’s extensions.code, e.g. BAD_USER_INPUT. */
  code: string;
  element?: string | null | undefined;
  /** The refusal's message; kept up to 1000 characters. */
  message: string;
  /** When the player was refused. */
  occurredAt?: string | null | undefined;
  scoId: string;
  /** The seq of the commit the server refused. */
  seq: number;
};

export type ScormVersion =
  | 'SCORM_12'
  | 'SCORM_2004';

export type SequencingStateInput = {
  /** From the Launch: one per player session. */
  attemptId: string | number;
  /** 1, 2, 3 … within the attempt; a save older than the kept one is ignored. */
  seq: number;
  /** The player's sequencing engine state, a JSON object of at most 256 KiB. */
  state: unknown;
};

export type PlayerSessionQueryVariables = Exact<{ [key: string]: never; }>;


export type PlayerSessionQuery = { playerSession: { registrationId: string, attemptId: string, scormVersion: ScormVersion, courseTitle: string, tokenExpiresAt: string, startItemId: string, autocommitSeconds: number, parkAfterSeconds: number, sequencing: unknown, sequencingState: unknown, learner: { id: string, name: string | null }, items: Array<{ id: string, title: string, scormType: string, visible: boolean, choice: boolean, forwardOnly: boolean, launchUrl: string, completed: boolean, init: unknown }> } };

export type CommitRuntimeMutationVariables = Exact<{
  input: CommitRuntimeInput;
}>;


export type CommitRuntimeMutation = { commitRuntime: { accepted: boolean, registration: { status: RegistrationStatus, progress: number | null, score: { scaled: number | null, raw: number | null, min: number | null, max: number | null } | null } } };

export type RenewLaunchMutationVariables = Exact<{ [key: string]: never; }>;


export type RenewLaunchMutation = { renewLaunch: { token: string, expiresAt: string } };

export type SaveSequencingStateMutationVariables = Exact<{
  input: SequencingStateInput;
}>;


export type SaveSequencingStateMutation = { saveSequencingState: boolean };

export type ReportRuntimeProblemMutationVariables = Exact<{
  input: RuntimeProblemInput;
}>;


export type ReportRuntimeProblemMutation = { reportRuntimeProblem: boolean };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const PlayerSessionDocument = new TypedDocumentString(`
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
    `) as unknown as TypedDocumentString<PlayerSessionQuery, PlayerSessionQueryVariables>;
export const CommitRuntimeDocument = new TypedDocumentString(`
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
    `) as unknown as TypedDocumentString<CommitRuntimeMutation, CommitRuntimeMutationVariables>;
export const RenewLaunchDocument = new TypedDocumentString(`
    mutation RenewLaunch {
  renewLaunch {
    token
    expiresAt
  }
}
    `) as unknown as TypedDocumentString<RenewLaunchMutation, RenewLaunchMutationVariables>;
export const SaveSequencingStateDocument = new TypedDocumentString(`
    mutation SaveSequencingState($input: SequencingStateInput!) {
  saveSequencingState(input: $input)
}
    `) as unknown as TypedDocumentString<SaveSequencingStateMutation, SaveSequencingStateMutationVariables>;
export const ReportRuntimeProblemDocument = new TypedDocumentString(`
    mutation ReportRuntimeProblem($input: RuntimeProblemInput!) {
  reportRuntimeProblem(input: $input)
}
    `) as unknown as TypedDocumentString<ReportRuntimeProblemMutation, ReportRuntimeProblemMutationVariables>;