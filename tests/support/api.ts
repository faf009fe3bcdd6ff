import type { TestCourier } from './test-courier.js';

/** Uploads a SCORM zip as the contract's `POST /api/courses` does. */
export async function uploadCourse(
  courier: TestCourier,
  token: string,
  zip: Buffer,
): Promise<{
  status: number;
  body: {
    id: string;
    title: string;
    scormVersion: string;
    error?: { code: string; message: string };
  };
}> {
  const res = await fetch(`${courier.url}/api/courses`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/zip' },
    // The DOM's BodyInit (this project's lib) takes no Buffer, whose memory may be shared.
    body: new Uint8Array(zip),
  });
  return { status: res.status, body: (await res.json()) as any };
}

/** Imports a course and fails the test if it is refused. */
export async function importOk(courier: TestCourier, token: string, zip: Buffer): Promise<string> {
  const { status, body } = await uploadCourse(courier, token, zip);
  if (status !== 201) throw new Error(`import refused: ${status} ${JSON.stringify(body)}`);
  return body.id;
}

export interface LaunchInfo {
  registrationId: string;
  token: string;
  attemptId: string;
  url: string;
}

/** Registers a learner in a course and launches it. */
export async function registerAndLaunch(
  courier: TestCourier,
  token: string,
  courseId: string,
  learner: { id: string; name?: string; email?: string },
): Promise<LaunchInfo> {
  const { createRegistration } = await courier.gqlOk(
    'mutation($c: ID!, $l: LearnerInput!) { createRegistration(courseId: $c, learner: $l) { id } }',
    { c: courseId, l: learner },
    token,
  );
  const { launchRegistration } = await courier.gqlOk(
    'mutation($id: ID!) { launchRegistration(id: $id) { url token attemptId } }',
    { id: createRegistration.id },
    token,
  );
  return { registrationId: createRegistration.id, ...launchRegistration };
}

export const REGISTRATION_FIELDS = `id status progress progressSource canResume resumePoint timeSpentSeconds observedSeconds
  score { scaled raw min max } lastActivityAt completedAt launchCount learner { id name email } course { id title }`;

/** Sends one commitRuntime with a launch token; returns the raw GraphQL response. */
export async function commit(
  courier: TestCourier,
  launch: { token: string; attemptId: string },
  seq: number,
  cmi: Record<string, unknown>,
  extra: { scoId?: string; sessionId?: string; finished?: boolean } = {},
) {
  return courier.gql(
    `mutation($i: CommitRuntimeInput!) { commitRuntime(input: $i) { accepted registration { ${REGISTRATION_FIELDS} } } }`,
    { i: { attemptId: launch.attemptId, seq, cmi, ...extra } },
    launch.token,
  );
}
