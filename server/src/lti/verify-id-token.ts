import { decodeProtectedHeader, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import { BadUserInputError, DomainError } from '../errors.js';
import type { LtiPlatform } from './lti.entity.js';
import { Claims, Limits, LTI_VERSION, MESSAGE_TYPES, type MessageType } from './lti-vocabulary.js';
import type { PlatformKeys } from './platform-keys.js';

/** A launch refused for its identity: the token is not one this platform signed for us now. */
export class LtiLaunchRefused extends DomainError {
  constructor(message: string) {
    super('UNAUTHENTICATED', message);
  }
}

/** What Courier takes from a verified id_token. */
export interface LtiLaunchClaims {
  messageType: MessageType;
  deploymentId: string;
  sub: string;
  name: string | null;
  email: string | null;
  /** The AGS line item scores go to, when the platform granted the score scope. */
  lineitemUrl: string | null;
  /** For deep linking: where the response goes, and what to echo back. */
  deepLinking: { returnUrl: string; data: string | null } | null;
}

/** Clock skew allowed between the platform and us. */
const CLOCK_TOLERANCE_SECONDS = 60;

/**
 * Verifies a platform's id_token as LTI 1.3 (Security Framework §5.1.3) says: RS256 signature
 * by a key of the platform's set, `iss` the platform, `aud` our client id (and `azp` it when
 * present or when there are several audiences), `exp`/`iat` current, `nonce` the one this
 * login issued, a registered deployment, a message type we handle and version 1.3.0.
 */
export async function verifyIdToken(
  idToken: string,
  platform: LtiPlatform,
  expectedNonce: string,
  keys: PlatformKeys,
  now = new Date(),
): Promise<LtiLaunchClaims> {
  if (idToken.length > Limits.idTokenChars)
    throw new BadUserInputError(`id_token is longer than ${Limits.idTokenChars} characters`);
  let kid: string | undefined;
  try {
    const header = decodeProtectedHeader(idToken);
    if (header.alg !== 'RS256') throw new LtiLaunchRefused('id_token must be signed with RS256');
    kid = header.kid;
  } catch (err) {
    if (err instanceof DomainError) throw err;
    throw new BadUserInputError('id_token is not a JWT');
  }
  let keySet;
  try {
    keySet = await keys.keySetFor(platform.jwksUrl, kid);
  } catch (err) {
    throw new LtiLaunchRefused(
      `The platform's key set could not be read: ${err instanceof Error ? err.message.slice(0, 200) : 'unknown error'}`,
    );
  }
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(idToken, keySet, {
      algorithms: ['RS256'],
      issuer: platform.issuer,
      audience: platform.clientId,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      currentDate: now,
      requiredClaims: ['exp', 'iat', 'nonce', 'sub'],
    }));
  } catch (err) {
    throw new LtiLaunchRefused(describeJoseError(err));
  }
  const aud = payload.aud;
  const azp = payload['azp'];
  if ((Array.isArray(aud) && aud.length > 1) || azp !== undefined) {
    if (azp !== platform.clientId) throw new LtiLaunchRefused('id_token azp is not our client id');
  }
  if (payload['nonce'] !== expectedNonce)
    throw new LtiLaunchRefused('id_token nonce is not the one this login issued');
  const deploymentId = payload[Claims.deploymentId];
  if (typeof deploymentId !== 'string' || !platform.deploymentIds.includes(deploymentId))
    throw new LtiLaunchRefused('The deployment id is not registered for this platform');
  const messageType = payload[Claims.messageType];
  if (!MESSAGE_TYPES.includes(messageType as MessageType))
    throw new LtiLaunchRefused(`Unsupported LTI message type ${String(messageType).slice(0, 60)}`);
  if (payload[Claims.version] !== LTI_VERSION)
    throw new LtiLaunchRefused(`Unsupported LTI version; ${LTI_VERSION} is required`);
  const sub = payload.sub ?? '';
  if (sub.length < 1 || sub.length > Limits.idChars)
    throw new LtiLaunchRefused(`sub must have 1 to ${Limits.idChars} characters`);
  const type = messageType as MessageType;
  return {
    messageType: type,
    deploymentId,
    sub,
    name: boundedString(payload['name'], 255),
    email: boundedString(payload['email'], 320),
    lineitemUrl: lineitemOf(payload[Claims.agsEndpoint]),
    deepLinking: type === 'LtiDeepLinkingRequest' ? deepLinkingOf(payload) : null,
  };
}

function lineitemOf(claim: unknown): string | null {
  if (!claim || typeof claim !== 'object') return null;
  const { scope, lineitem } = claim as { scope?: unknown; lineitem?: unknown };
  if (
    !Array.isArray(scope) ||
    !scope.includes('https://purl.imsglobal.org/spec/lti-ags/scope/score')
  )
    return null;
  return validUrl(lineitem);
}

function deepLinkingOf(payload: JWTPayload): { returnUrl: string; data: string | null } {
  const settings = payload[Claims.deepLinkingSettings] as
    { deep_link_return_url?: unknown; accept_types?: unknown; data?: unknown } | undefined;
  const returnUrl = validUrl(settings?.deep_link_return_url);
  if (!returnUrl) throw new LtiLaunchRefused('deep_link_return_url is missing or not a URL');
  if (Array.isArray(settings?.accept_types) && !settings.accept_types.includes('ltiResourceLink'))
    throw new LtiLaunchRefused('The platform does not accept LTI resource links here');
  const data = settings?.data;
  if (data !== undefined && (typeof data !== 'string' || data.length > Limits.deepLinkDataChars))
    throw new LtiLaunchRefused('deep linking data is too long');
  return { returnUrl, data: typeof data === 'string' ? data : null };
}

function validUrl(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > Limits.urlChars) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : null;
  } catch {
    return null;
  }
}

function boundedString(value: unknown, max: number): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, max) : null;
}

/** jose's reasons, in words a platform admin can act on; never the token itself. */
function describeJoseError(err: unknown): string {
  if (err instanceof joseErrors.JWTExpired) return 'id_token has expired';
  if (err instanceof joseErrors.JWSSignatureVerificationFailed)
    return 'id_token signature does not verify with the platform key set';
  if (err instanceof joseErrors.JWKSNoMatchingKey)
    return "id_token was signed with a key not in the platform's key set";
  if (err instanceof joseErrors.JWTClaimValidationFailed) {
    if (err.claim === 'aud') return 'id_token audience is not our client id';
    if (err.claim === 'iss') return 'id_token issuer is not the registered platform';
    return `id_token claim ${err.claim} is invalid: ${err.reason}`;
  }
  return 'id_token could not be verified';
}
