import { BadUserInputError } from '../errors.js';
import { hostOf, NonPublicAddressError, resolvePublic } from '../webhooks/public-address.js';
import { Limits } from './lti-vocabulary.js';
import type { LtiPlatformInput } from './lti.inputs.js';

/**
 * Refuses a platform registration that could not work or could point us inward: ids out of
 * bounds, 1 to 20 distinct deployment ids, URLs that are not https (unless LTI_ALLOW_PRIVATE)
 * or whose hosts are or resolve to non-public addresses. Requests check again on connect.
 */
export async function checkPlatform(
  input: LtiPlatformInput,
  allowPrivate: boolean,
): Promise<LtiPlatformInput> {
  const id = (field: string, value: string): string => {
    const v = value.trim();
    if (v.length < 1 || v.length > Limits.idChars)
      throw new BadUserInputError(`${field} must have 1 to ${Limits.idChars} characters`, {
        field,
      });
    return v;
  };
  const deploymentIds = [...new Set(input.deploymentIds.map((d) => id('deploymentIds', d)))];
  if (deploymentIds.length < 1 || input.deploymentIds.length > Limits.deploymentIds)
    throw new BadUserInputError(`Give 1 to ${Limits.deploymentIds} deployment ids`, {
      field: 'deploymentIds',
    });
  const url = async (field: string, value: string): Promise<string> => {
    const v = value.trim();
    if (v.length > Limits.urlChars)
      throw new BadUserInputError(`${field} has more than ${Limits.urlChars} characters`, {
        field,
      });
    let parsed: URL;
    try {
      parsed = new URL(v);
    } catch {
      throw new BadUserInputError(`${field} is not a URL`, { field });
    }
    if (parsed.protocol !== 'https:' && !(allowPrivate && parsed.protocol === 'http:'))
      throw new BadUserInputError(`${field} must use https://`, { field });
    if (!allowPrivate) {
      try {
        await resolvePublic(hostOf(parsed));
      } catch (err) {
        const reason =
          err instanceof NonPublicAddressError
            ? err.message
            : `${hostOf(parsed)} does not resolve to an address`;
        throw new BadUserInputError(`${field} refused: ${reason}`, { field });
      }
    }
    return v;
  };
  const issuer = id('issuer', input.issuer);
  return {
    issuer,
    clientId: id('clientId', input.clientId),
    deploymentIds,
    authorizationUrl: await url('authorizationUrl', input.authorizationUrl),
    tokenUrl: await url('tokenUrl', input.tokenUrl),
    jwksUrl: await url('jwksUrl', input.jwksUrl),
  };
}
