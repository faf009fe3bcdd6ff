/** The LTI 1.3 vocabulary Courier speaks: claim names, message types and AGS values. */

export const LTI_VERSION = '1.3.0';
const CLAIM = 'https://purl.imsglobal.org/spec/lti/claim/';
export const Claims = {
  messageType: `${CLAIM}message_type`,
  version: `${CLAIM}version`,
  deploymentId: `${CLAIM}deployment_id`,
  targetLinkUri: `${CLAIM}target_link_uri`,
  resourceLink: `${CLAIM}resource_link`,
  deepLinkingSettings: 'https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings',
  contentItems: 'https://purl.imsglobal.org/spec/lti-dl/claim/content_items',
  deepLinkingData: 'https://purl.imsglobal.org/spec/lti-dl/claim/data',
  agsEndpoint: 'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint',
} as const;

export type MessageType = 'LtiResourceLinkRequest' | 'LtiDeepLinkingRequest';
export const MESSAGE_TYPES: readonly MessageType[] = [
  'LtiResourceLinkRequest',
  'LtiDeepLinkingRequest',
];

export const AGS_SCORE_SCOPE = 'https://purl.imsglobal.org/spec/lti-ags/scope/score';
export const SCORE_CONTENT_TYPE = 'application/vnd.ims.lis.v1.score+json';

/** Bounds on what a platform or a browser may hand us. */
export const Limits = {
  /** An id_token: platforms' tokens with every optional claim stay well under this. */
  idTokenChars: 16 * 1024,
  /** Any login parameter (iss, login_hint, lti_message_hint, target_link_uri, client_id…). */
  loginParamChars: 2048,
  /** Platform URLs, line item URLs. */
  urlChars: 1000,
  /** Issuer, client id, deployment id, sub. */
  idChars: 255,
  deploymentIds: 20,
  /** A platform's JWKS or token answer. */
  responseBytes: 64 * 1024,
  /** A form post to /lti/launch. */
  formBytes: 32 * 1024,
  /** The deep-linking `data` the platform wants back. */
  deepLinkDataChars: 2048,
  /** How long a login's state and nonce stay good. */
  loginStateSeconds: 600,
  /** Platform calls (JWKS, token, score) give up after this. */
  requestTimeoutMs: 10_000,
} as const;
