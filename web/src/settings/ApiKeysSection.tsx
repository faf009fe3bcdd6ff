import { graphql } from '../gql';
import type { ApiKeysSectionFragment } from '../gql/graphql';
import { CopyButton } from '../ui/CopyButton';
import { relativeTime } from '../ui/format';
import { Empty, ErrorState } from '../ui/Status';
import { fields } from './form-fields';
import { useCreateApiKey } from './use-create-api-key';
import { useRevokeApiKey } from './use-revoke-api-key';

export const API_KEY_ROW = graphql(`
  fragment ApiKeyRow on ApiKey {
    id
    name
    createdAt
    lastUsedAt
    revokedAt
  }
`);

export const API_KEYS_SECTION = graphql(`
  fragment ApiKeysSection on Query {
    apiKeys {
      ...ApiKeyRow
    }
  }
`);

/** The organization's API keys: a new key's token shown once, revoking. */
export function ApiKeysSection({ data }: { data: ApiKeysSectionFragment }) {
  const [createKey, key] = useCreateApiKey();
  const [revokeKey] = useRevokeApiKey();
  return (
    <>
      <h2>API keys</h2>
      <form
        className="inline-form"
        aria-label="New API key"
        onSubmit={(e) => {
          const form = e.currentTarget;
          void createKey(String(fields(e).get('name'))).then(
            () => form.reset(),
            () => {},
          );
        }}
      >
        <label>
          Name
          <input name="name" required placeholder="HR sync" />
        </label>
        <button type="submit">Create API key</button>
        {key.error && <ErrorState error={key.error} />}
      </form>
      {key.data && (
        <p className="secret" role="alert">
          <strong>Copy this token now; it will not be shown again:</strong>{' '}
          <code data-testid="api-key-token">{key.data.createApiKey.token}</code>{' '}
          <CopyButton text={key.data.createApiKey.token} label="Copy token" />
        </p>
      )}
      {data.apiKeys.length === 0 ? (
        <Empty>No API keys.</Empty>
      ) : (
        <ul className="list">
          {data.apiKeys.map((k) => (
            <li key={k.id}>
              {k.name} · created {relativeTime(k.createdAt)} · last used{' '}
              {relativeTime(k.lastUsedAt)}{' '}
              {k.revokedAt ? (
                <em>revoked</em>
              ) : (
                <button type="button" onClick={() => void revokeKey(k.id).catch(() => {})}>
                  Revoke
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
