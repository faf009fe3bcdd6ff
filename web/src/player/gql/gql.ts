/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query PlayerSession {\n    playerSession {\n      registrationId\n      attemptId\n      scormVersion\n      courseTitle\n      tokenExpiresAt\n      startItemId\n      autocommitSeconds\n      parkAfterSeconds\n      sequencing\n      sequencingState\n      learner {\n        id\n        name\n      }\n      items {\n        id\n        title\n        scormType\n        visible\n        choice\n        forwardOnly\n        launchUrl\n        completed\n        init\n      }\n    }\n  }\n": typeof types.PlayerSessionDocument,
    "\n  mutation CommitRuntime($input: CommitRuntimeInput!) {\n    commitRuntime(input: $input) {\n      accepted\n      registration {\n        status\n        progress\n        score {\n          scaled\n          raw\n          min\n          max\n        }\n      }\n    }\n  }\n": typeof types.CommitRuntimeDocument,
    "\n  mutation RenewLaunch {\n    renewLaunch {\n      token\n      expiresAt\n    }\n  }\n": typeof types.RenewLaunchDocument,
    "\n  mutation SaveSequencingState($input: SequencingStateInput!) {\n    saveSequencingState(input: $input)\n  }\n": typeof types.SaveSequencingStateDocument,
    "\n  mutation ReportRuntimeProblem($input: RuntimeProblemInput!) {\n    reportRuntimeProblem(input: $input)\n  }\n": typeof types.ReportRuntimeProblemDocument,
};
const documents: Documents = {
    "\n  query PlayerSession {\n    playerSession {\n      registrationId\n      attemptId\n      scormVersion\n      courseTitle\n      tokenExpiresAt\n      startItemId\n      autocommitSeconds\n      parkAfterSeconds\n      sequencing\n      sequencingState\n      learner {\n        id\n        name\n      }\n      items {\n        id\n        title\n        scormType\n        visible\n        choice\n        forwardOnly\n        launchUrl\n        completed\n        init\n      }\n    }\n  }\n": types.PlayerSessionDocument,
    "\n  mutation CommitRuntime($input: CommitRuntimeInput!) {\n    commitRuntime(input: $input) {\n      accepted\n      registration {\n        status\n        progress\n        score {\n          scaled\n          raw\n          min\n          max\n        }\n      }\n    }\n  }\n": types.CommitRuntimeDocument,
    "\n  mutation RenewLaunch {\n    renewLaunch {\n      token\n      expiresAt\n    }\n  }\n": types.RenewLaunchDocument,
    "\n  mutation SaveSequencingState($input: SequencingStateInput!) {\n    saveSequencingState(input: $input)\n  }\n": types.SaveSequencingStateDocument,
    "\n  mutation ReportRuntimeProblem($input: RuntimeProblemInput!) {\n    reportRuntimeProblem(input: $input)\n  }\n": types.ReportRuntimeProblemDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PlayerSession {\n    playerSession {\n      registrationId\n      attemptId\n      scormVersion\n      courseTitle\n      tokenExpiresAt\n      startItemId\n      autocommitSeconds\n      parkAfterSeconds\n      sequencing\n      sequencingState\n      learner {\n        id\n        name\n      }\n      items {\n        id\n        title\n        scormType\n        visible\n        choice\n        forwardOnly\n        launchUrl\n        completed\n        init\n      }\n    }\n  }\n"): typeof import('./graphql').PlayerSessionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CommitRuntime($input: CommitRuntimeInput!) {\n    commitRuntime(input: $input) {\n      accepted\n      registration {\n        status\n        progress\n        score {\n          scaled\n          raw\n          min\n          max\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').CommitRuntimeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RenewLaunch {\n    renewLaunch {\n      token\n      expiresAt\n    }\n  }\n"): typeof import('./graphql').RenewLaunchDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SaveSequencingState($input: SequencingStateInput!) {\n    saveSequencingState(input: $input)\n  }\n"): typeof import('./graphql').SaveSequencingStateDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReportRuntimeProblem($input: RuntimeProblemInput!) {\n    reportRuntimeProblem(input: $input)\n  }\n"): typeof import('./graphql').ReportRuntimeProblemDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
