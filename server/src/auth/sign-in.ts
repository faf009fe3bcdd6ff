import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, UnauthenticatedError } from '../errors.js';
import type { AppServices } from '../app-services.js';
import { verifyPassword } from './passwords.js';
import { SESSION_TTL_SECONDS } from './tokens.js';
import { User } from './user.entity.js';

/** A valid scrypt hash of nothing anyone knows, so unknown accounts cost as much as known ones. */
const DECOY_HASH =
  'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

/**
 * Checks a password and returns a session token. The attempt is counted before the password is
 * checked (see LoginLimiter), so refusals cost no hash.
 */
export async function signIn(
  { em, services }: { em: EntityManager; services: AppServices },
  input: { email: string; password: string; ip: string | null },
): Promise<{ token: string; user: User }> {
  const email = input.email.trim().toLowerCase();
  const counted = services.loginLimiter.begin(email, input.ip ?? 'unknown');
  if ('retryAfterSeconds' in counted) {
    const wait = counted.retryAfterSeconds;
    throw new DomainError('RATE_LIMITED', `Too many sign-in attempts; try again in ${wait} s`, {
      retryAfterSeconds: wait,
    });
  }
  const user = await em.findOne(User, { email }, { populate: ['organization'] });
  const ok = await verifyPassword(input.password, user?.passwordHash ?? DECOY_HASH);
  // A disabled user is told no more than a wrong password would tell anyone.
  if (!user || !ok || user.disabledAt) {
    throw new UnauthenticatedError('The email or password is not right');
  }
  services.loginLimiter.succeeded(counted.attempt);
  const { token } = await services.tokens.sign(
    {
      typ: 'session',
      userId: user.id,
      organizationId: user.organization.id,
      role: user.role,
      epoch: user.sessionEpoch,
    },
    SESSION_TTL_SECONDS,
  );
  return { token, user };
}
