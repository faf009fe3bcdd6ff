import type { ApiKeyScope } from './api-key.entity.js';
import type { Role } from './user.entity.js';

/** Who is asking: a person signed in to one organization, or an integrator's API key. */
export interface Viewer {
  kind: 'user' | 'apiKey';
  /** The user, or the API key's id. */
  id: string;
  organizationId: string;
  role: Role;
  /** An API key's scopes; null for a signed-in user (whose role decides). */
  scopes: ApiKeyScope[] | null;
  /** When the session ends; null for API keys, which last until revoked. */
  expiresAt: Date | null;
  /** The session's epoch (see User.sessionEpoch); null for API keys. */
  sessionEpoch: number | null;
}

/** A player holding a launch token. */
export interface LaunchPrincipal {
  registrationId: string;
  attemptId: string;
  organizationId: string;
  /** The registration's course, from the token (absent from tokens signed before it carried one). */
  courseId?: string;
  token: string;
  expiresAt: Date;
}

/** Who is asking, as authentication found them: at most one of a viewer and a launch. */
export interface Principal {
  viewer: Viewer | null;
  launch: LaunchPrincipal | null;
}
