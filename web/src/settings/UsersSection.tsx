import { useMutation } from '@apollo/client/react';
import { signOut } from '../apollo/session';
import { graphql } from '../gql';
import type { UsersSectionFragment } from '../gql/graphql';
import { CopyButton } from '../ui/CopyButton';
import { ErrorState } from '../ui/Status';
import { fields } from './form-fields';
import { useInviteUser } from './use-invite-user';
import { useRevokeInvitation } from './use-revoke-invitation';

export const USERS_SECTION = graphql(`
  fragment UsersSection on Query {
    users {
      id
      email
      role
    }
    invitations {
      id
      email
      role
      expiresAt
    }
  }
`);

const SIGN_OUT_EVERYWHERE = graphql(`
  mutation SignOutEverywhere {
    signOutEverywhere
  }
`);

/** The organization's users and invitations (a link shown once), and signing out everywhere. */
export function UsersSection({ data }: { data: UsersSectionFragment }) {
  const [invite, invited] = useInviteUser();
  const [revokeInvitation] = useRevokeInvitation();
  const [signOutEverywhere, signedOut] = useMutation(SIGN_OUT_EVERYWHERE);
  return (
    <>
      <h2>Users</h2>
      <ul className="list">
        {data.users.map((u) => (
          <li key={u.id}>
            {u.email} · {u.role.toLowerCase()}
          </li>
        ))}
      </ul>
      {data.invitations.length > 0 && (
        <>
          <h3>Pending invitations</h3>
          <ul className="list" aria-label="Pending invitations">
            {data.invitations.map((i) => (
              <li key={i.id}>
                {i.email} · {i.role.toLowerCase()} · expires{' '}
                {new Date(i.expiresAt).toLocaleDateString()}{' '}
                <button type="button" onClick={() => void revokeInvitation(i.id).catch(() => {})}>
                  Revoke
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      <form
        className="inline-form"
        aria-label="Invite user"
        onSubmit={(e) => {
          const form = e.currentTarget;
          const f = fields(e);
          void invite({
            email: String(f.get('email')),
            role: f.get('role') === 'ADMIN' ? 'ADMIN' : 'VIEWER',
          }).then(
            () => form.reset(),
            () => {},
          );
        }}
      >
        <label>
          Email
          <input name="email" type="email" required />
        </label>
        <label>
          Role
          <select name="role">
            <option value="VIEWER">Viewer</option>
            <option value="ADMIN">Admin</option>
          </select>
        </label>
        <button type="submit">Invite</button>
        {invited.error && <ErrorState error={invited.error} />}
      </form>
      {invited.data && (
        <p className="secret" role="alert">
          <strong>
            Send this link to {invited.data.inviteUser.invitation.email} yourself; it is shown once,
            works once and expires on{' '}
            {new Date(invited.data.inviteUser.invitation.expiresAt).toLocaleDateString()}:
          </strong>{' '}
          <code data-testid="invitation-link">{invited.data.inviteUser.url}</code>{' '}
          <CopyButton text={invited.data.inviteUser.url} label="Copy link" />
        </p>
      )}
      <p>
        {/* Ends this session too, on every device and open tab within seconds. */}
        <button type="button" onClick={() => void signOutEverywhere().then(signOut, () => {})}>
          Sign out everywhere
        </button>
        {signedOut.error && <ErrorState error={signedOut.error} />}
      </p>
    </>
  );
}
