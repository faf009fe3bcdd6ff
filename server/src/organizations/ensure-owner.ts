import type { EntityManager } from '@mikro-orm/postgresql';
import { hashPassword } from '../auth/passwords.js';
import { Role, User } from '../auth/user.entity.js';
import { Organization } from './organization.entity.js';

/**
 * With ADMIN_EMAIL/ADMIN_PASSWORD set and no user yet, creates the first organization and its
 * admin, who is also the platform owner. Does nothing once any user exists.
 */
export async function ensureOwner(
  em: EntityManager,
  input: { email: string; password: string; organizationName?: string },
): Promise<User | null> {
  return em.transactional(async (tx) => {
    // Serialize concurrent first starts of several instances on one database.
    await tx.execute('SELECT pg_advisory_xact_lock(727001)');
    if ((await tx.count(User, {})) > 0) return null;
    const organization = tx.create(Organization, { name: input.organizationName ?? 'Courier' });
    const owner = tx.create(User, {
      organization,
      email: input.email.toLowerCase(),
      passwordHash: await hashPassword(input.password),
      role: Role.OWNER,
    });
    return owner;
  });
}
