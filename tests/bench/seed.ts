import type pg from 'pg';
import { LAUNCH_TTL_SECONDS, TokenSigner } from '@courier/server/auth/tokens.js';
import { STATS_SHARDS } from '@courier/server/registrations/registration-stats.entity.js';
import { scorm12SinglePackage } from '../support/scorm-packages.js';

/** A learner's launch as the load generator uses it. */
export interface Launch {
  registrationId: string;
  token: string;
  attemptId: string;
  /** Index of the organization (and so of its dashboards' admin token). */
  org: number;
}

export const BENCH_PASSWORD = 'bench-password-1';
/** The server's first user, created from ADMIN_EMAIL / ADMIN_PASSWORD at start. */
export const OWNER = { email: 'bench@courier.test', password: BENCH_PASSWORD };

/** One GraphQL request over HTTP; GraphQL errors throw. */
export async function gql(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<any> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: any; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

export async function login(url: string, email: string, password: string): Promise<string> {
  return (
    await gql(
      url,
      'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }',
      { e: email, p: password },
    )
  ).login.token;
}

export async function importCourse(url: string, token: string, title: string): Promise<string> {
  const res = await fetch(`${url}/api/courses`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/zip' },
    body: new Uint8Array(await scorm12SinglePackage({ title })),
  });
  return ((await res.json()) as { id: string }).id;
}

/** `n` registrations created and launched through the API, as a dashboard user would. */
export async function launches(
  url: string,
  token: string,
  courseId: string,
  n: number,
  org: number,
  prefix: string,
): Promise<Launch[]> {
  const out = [];
  for (let i = 0; i < n; i++) {
    const reg = await gql(
      url,
      'mutation($c: ID!, $l: LearnerInput!) { createRegistration(courseId: $c, learner: $l) { id } }',
      { c: courseId, l: { id: `${prefix}-${i}`, name: `Learner ${i}` } },
      token,
    );
    const launch = await gql(
      url,
      'mutation($id: ID!) { launchRegistration(id: $id) { token attemptId } }',
      { id: reg.createRegistration.id },
      token,
    );
    out.push({ registrationId: reg.createRegistration.id, org, ...launch.launchRegistration });
  }
  return out;
}

/** A new organization with its admin signed in and one course imported. */
export async function seedOrganization(
  url: string,
  ownerToken: string,
  name: string,
  adminEmail: string,
): Promise<{ token: string; organizationId: string; courseId: string }> {
  const { createOrganization } = await gql(
    url,
    'mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id } }',
    { i: { name, adminEmail, adminPassword: BENCH_PASSWORD } },
    ownerToken,
  );
  const token = await login(url, adminEmail, BENCH_PASSWORD);
  const courseId = await importCourse(url, token, `${name} course`);
  return { token, organizationId: createOrganization.id, courseId };
}

/**
 * `perOrg` learners in each organization, registered and launched in SQL (three statements,
 * not 20,000 GraphQL calls: those took five minutes), their launch tokens signed with the
 * server's JWT_SECRET. The organizations must have no registrations yet: their counters are
 * written here from what was inserted.
 */
export async function seedLaunches(
  db: pg.Client,
  jwtSecret: string,
  orgs: Array<{ organizationId: string; courseId: string }>,
  perOrg: number,
  prefix: string,
): Promise<Launch[]> {
  const { rows } = await db.query<{ registration_id: string; attempt_id: string; org: number }>(
    `WITH orgs AS (
       SELECT o.organization_id, o.course_id, o.org - 1 AS org
         FROM unnest($1::uuid[], $2::uuid[]) WITH ORDINALITY AS o(organization_id, course_id, org)),
     registered AS (
       INSERT INTO registrations (id, organization_id, course_id, scope, learner_id, learner_name, launch_count, created_at)
       SELECT gen_random_uuid(), o.organization_id, o.course_id, '', $3 || '-' || o.org || '-' || g,
              'Learner ' || g, 1, now()
         FROM orgs o, generate_series(1, $4::int) g
       RETURNING id, organization_id),
     attempted AS (
       INSERT INTO attempts (id, registration_id, last_seq, created_at)
       SELECT gen_random_uuid(), id, 0, now() FROM registered
       RETURNING id, registration_id)
     SELECT a.registration_id, a.id AS attempt_id, o.org::int AS org
       FROM attempted a JOIN registered r ON r.id = a.registration_id
       JOIN orgs o ON o.organization_id = r.organization_id`,
    [orgs.map((o) => o.organizationId), orgs.map((o) => o.courseId), prefix, perOrg],
  );
  await db.query(
    `INSERT INTO registration_stats (organization_id, course_id, shard, total, not_started)
     SELECT organization_id, course_id,
            ('x' || lpad(substr(id::text, 1, 8), 16, '0'))::bit(64)::bigint % ${STATS_SHARDS},
            count(*), count(*)
       FROM registrations WHERE organization_id = ANY($1::uuid[])
      GROUP BY 1, 2, 3`,
    [orgs.map((o) => o.organizationId)],
  );
  const signer = new TokenSigner(jwtSecret);
  return Promise.all(
    rows.map(async (r) => {
      const organizationId = orgs[r.org]!.organizationId;
      const { token } = await signer.sign(
        {
          typ: 'launch',
          registrationId: r.registration_id,
          attemptId: r.attempt_id,
          organizationId,
          courseId: orgs[r.org]!.courseId,
        },
        LAUNCH_TTL_SECONDS,
      );
      return { registrationId: r.registration_id, attemptId: r.attempt_id, org: r.org, token };
    }),
  );
}

/** Bulk-inserts `count` registrations of one course, spread over every status, in one statement. */
export async function seedRegistrations(
  db: pg.Client,
  organizationId: string,
  courseId: string,
  count: number,
): Promise<void> {
  await db.query(
    `INSERT INTO registrations (id, organization_id, course_id, scope, learner_id, learner_name, status, progress, progress_source, created_at)
     SELECT gen_random_uuid(), $1, $2, '', 'learner-' || g, 'Learner ' || g,
            (ARRAY['NOT_STARTED','IN_PROGRESS','COMPLETED','PASSED','FAILED'])[1 + g % 5],
            CASE WHEN g % 5 = 1 THEN (g % 100) / 100.0 WHEN g % 5 IN (2,3,4) THEN 1 ELSE NULL END,
            CASE WHEN g % 5 = 1 THEN 'REPORTED' WHEN g % 5 IN (2,3,4) THEN 'STATUS' ELSE 'UNKNOWN' END,
            now() - g * interval '1 second'
       FROM generate_series(1, $3::int) g`,
    [organizationId, courseId, count],
  );
}
