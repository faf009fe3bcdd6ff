import { useMutation, useQuery } from '@apollo/client/react';
import { graphql } from '../gql';
import type { XapiCredentialScope } from '../gql/graphql';
import { CopyButton } from '../ui/CopyButton';
import { relativeTime } from '../ui/format';
import { Empty, ErrorState } from '../ui/Status';

const LRS_CREDENTIALS = graphql(`
  query LrsCredentials {
    xapiCredentials {
      id
      name
      key
      scope
      createdAt
      lastUsedAt
      revokedAt
    }
  }
`);
const CREATE_LRS_CREDENTIAL = graphql(`
  mutation CreateLrsCredential($name: String!, $scope: XapiCredentialScope!) {
    createXapiCredential(name: $name, scope: $scope) {
      secret
      endpoint
      credential {
        id
        key
      }
    }
  }
`);
const REVOKE_LRS_CREDENTIAL = graphql(`
  mutation RevokeLrsCredential($id: ID!) {
    revokeXapiCredential(id: $id) {
      id
      revokedAt
    }
  }
`);

const SCOPE_LABELS: Record<XapiCredentialScope, string> = {
  READ_WRITE: 'read and write',
  READ: 'read',
  WRITE: 'write',
};
const SCOPES = Object.keys(SCOPE_LABELS) as XapiCredentialScope[];

/** The LRS's Basic credentials: made per activity provider or reporting tool, secret shown once. */
export function LrsCredentials() {
  const { data, error, refetch } = useQuery(LRS_CREDENTIALS);
  const [create, created] = useMutation(CREATE_LRS_CREDENTIAL);
  const [revoke] = useMutation(REVOKE_LRS_CREDENTIAL);
  const made = created.data?.createXapiCredential;
  return (
    <>
      <h2>LRS (xAPI) credentials</h2>
      <form
        className="inline-form"
        aria-label="New LRS credential"
        onSubmit={(e) => {
          e.preventDefault();
          const form = e.currentTarget;
          const f = new FormData(form);
          void create({
            variables: {
              name: String(f.get('lrsName')),
              scope: String(f.get('scope')) as XapiCredentialScope,
            },
          }).then(
            () => (form.reset(), void refetch()),
            () => {},
          );
        }}
      >
        <label>
          Name
          <input name="lrsName" required maxLength={200} placeholder="Storyline courses" />
        </label>
        <label>
          Access
          <select name="scope" defaultValue="READ_WRITE">
            {SCOPES.map((scope) => (
              <option key={scope} value={scope}>
                {SCOPE_LABELS[scope]}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Create LRS credential</button>
        {created.error && <ErrorState error={created.error} />}
      </form>
      {made && (
        <p className="secret" role="alert">
          <strong>Copy the secret now; it will not be shown again.</strong> Endpoint{' '}
          <code data-testid="lrs-endpoint">{made.endpoint}</code>, user name{' '}
          <code data-testid="lrs-key">{made.credential.key}</code>, secret{' '}
          <code data-testid="lrs-secret">{made.secret}</code>{' '}
          <CopyButton text={made.secret} label="Copy secret" />
        </p>
      )}
      {error && <ErrorState error={error} />}
      {data && data.xapiCredentials.length === 0 ? (
        <Empty>No LRS credentials.</Empty>
      ) : (
        <ul className="list">
          {data?.xapiCredentials.map((c) => (
            <li key={c.id}>
              {c.name} · <code>{c.key}</code> · {SCOPE_LABELS[c.scope]} · created{' '}
              {relativeTime(c.createdAt)}{' '}
              {c.revokedAt ? (
                <em>revoked</em>
              ) : (
                <button
                  type="button"
                  onClick={() => void revoke({ variables: { id: c.id } }).then(() => refetch())}
                >
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
