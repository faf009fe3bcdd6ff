import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, UnauthenticatedError } from '../errors.js';
import type { AppServices } from '../app-services.js';
import { verifyPassword } from './passwords.js';
import { SESSION_TTL_SECONDS } from './tokens.js';
import { User } from './user.entity.js';

/** A valid scrypt hash of nothing anyone knows, so unknown accounts cost as much as known ones. */
const DECOY_HASH =
  'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

/** Checks a password and returns a session token; failures are counted per account and address. */
export async function signIn(
  { em, services }: { em: EntityManager; services: AppServices },
  input: { email: string; password: string; ip: string | null },
): Promise<{ token: string; user: User }> {
  const email = input.email.trim().toLowerCase();
  const keys = [`email:${email}`, `ip:${input.ip ?? 'unknown'}`];
  const wait = services.loginLimiter.retryAfter(keys);
  if (wait > 0) {
    throw new DomainError('RATE_LIMITED', `Too many failed sign-ins; try again in ${wait} s`, {
      retryAfterSeconds: wait,
    });
  }
  const user = await em.findOne(User, { email }, { populate: ['organization'] });
  const ok = await verifyPassword(input.password, user?.passwordHash ?? DECOY_HASH);
  if (!user || !ok) {
    services.loginLimiter.recordFailure(keys);
    throw new UnauthenticatedError('The email or password is not right');
  }
  services.loginLimiter.recordSuccess([`email:${email}`]);
  const { token } = await services.tokens.sign(
    { typ: 'session', userId: user.id, organizationId: user.organization.id, role: user.role },
    SESSION_TTL_SECONDS,
  );
  return { token, user };
}
