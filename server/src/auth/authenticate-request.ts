import type { IncomingMessage } from 'node:http';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AppServices } from '../app-services.js';
import { bearerToken } from '../http/respond.js';
import { authenticate } from './authenticate.js';
import type { Principal } from './principal.js';

/** Who sent one REST request, with the EntityManager the request works in. */
export interface RequestCaller extends Principal {
  em: EntityManager;
}

/** Authenticates a REST request's `Authorization: Bearer …` as GraphQL over HTTP does. */
export async function authenticateRequest(
  services: AppServices,
  req: IncomingMessage,
): Promise<RequestCaller> {
  const em = services.orm.em.fork();
  const principal = await authenticate(
    services,
    () => em,
    bearerToken(req.headers.authorization ?? null),
  );
  return { ...principal, em };
}
