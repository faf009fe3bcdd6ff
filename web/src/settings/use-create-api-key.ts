import type { Reference } from '@apollo/client';
import { useMutation } from '@apollo/client/react';
import { graphql } from '../gql';
import { API_KEY_ROW } from './ApiKeysSection';

const CREATE_KEY = graphql(`
  mutation CreateApiKey($name: String!) {
    createApiKey(name: $name) {
      id
      name
      token
    }
  }
`);

/**
 * Creates an API key; its token is in the answer, shown once. The new key goes to the top of
 * the cached list (newest first, as the server orders it): created now, never used, not revoked.
 */
export function useCreateApiKey() {
  const [mutate, state] = useMutation(CREATE_KEY, {
    update(cache, { data }) {
      const created = data?.createApiKey;
      if (!created) return;
      const row = {
        __typename: 'ApiKey' as const,
        id: created.id,
        name: created.name,
        createdAt: new Date().toISOString(),
        lastUsedAt: null,
        revokedAt: null,
      };
      const ref = cache.writeFragment({
        id: cache.identify(row),
        fragment: API_KEY_ROW,
        fragmentName: 'ApiKeyRow',
        data: row,
      });
      cache.modify({
        fields: {
          apiKeys: (existing: readonly Reference[] = []) =>
            ref && !existing.some((k) => k.__ref === ref.__ref) ? [ref, ...existing] : existing,
        },
      });
    },
  });
  const create = (name: string) => mutate({ variables: { name } });
  return [create, state] as const;
}
