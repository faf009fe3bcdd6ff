import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { setToken } from '../apollo/session';
import { graphql } from '../gql';

const INVITATION = graphql(`
  query InvitationPreview($token: String!) {
    invitation(token: $token) {
      email
      role
      organizationName
      expiresAt
      accountExists
    }
  }
`);

const ACCEPT = graphql(`
  mutation AcceptInvitation($token: String!, $password: String!) {
    acceptInvitation(token: $token, password: $password) {
      token
    }
  }
`);

/** The invitation link's token: in the fragment, so it never reaches a server log or a Referer. */
function tokenFromLocation(): string {
  return decodeURIComponent(location.hash.replace(/^#/, ''));
}

/**
 * The page an invitation link opens: the invitee chooses a password and is signed in. Only the
 * link's holder sees whether the email already has an account.
 */
export function AcceptInvitation() {
  const [token] = useState(tokenFromLocation);
  const valid = /^ci_[A-Za-z0-9_-]{43}$/.test(token);
  const { data, loading, error } = useQuery(INVITATION, {
    variables: { token },
    skip: !valid,
    fetchPolicy: 'network-only',
  });
  const [accept, accepted] = useMutation(ACCEPT);
  const [problem, setProblem] = useState<string | null>(null);
  const invitation = data?.invitation;

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get('password'));
    setProblem(null);
    if (password !== String(form.get('confirm'))) {
      setProblem('The two passwords differ');
      return;
    }
    try {
      const result = await accept({ variables: { token, password } });
      if (result.data) {
        setToken(result.data.acceptInvitation.token);
        window.location.assign('/');
      }
    } catch (err) {
      setProblem((err as Error).message);
    }
  };

  let body;
  if (valid && loading) body = <p>Checking your invitation…</p>;
  else if (error)
    body = (
      <p className="state-error" role="alert">
        {error.message}
      </p>
    );
  else if (!invitation)
    body = (
      <p role="alert">
        This invitation link is no longer valid: it was used, revoked or has expired. Ask whoever
        invited you for a new one.
      </p>
    );
  else if (invitation.accountExists)
    body = (
      <>
        <p role="alert">
          <strong>{invitation.email}</strong> already has a Courier account. Sign in with it
          instead; an account belongs to one organization, so ask {invitation.organizationName} to
          invite another address if you need a second one.
        </p>
        <a href="/">Sign in</a>
      </>
    );
  else
    body = (
      <>
        <p>
          {invitation.organizationName} invites <strong>{invitation.email}</strong> as{' '}
          {invitation.role === 'ADMIN' ? 'an admin' : 'a viewer'}. Choose a password to join. This
          link works once, until {new Date(invitation.expiresAt).toLocaleString()}.
        </p>
        <input type="hidden" name="username" autoComplete="username" value={invitation.email} />
        <label>
          Password
          <input
            name="password"
            type="password"
            autoComplete="new-password"
            required
            minLength={10}
            autoFocus
          />
        </label>
        <label>
          Repeat password
          <input
            name="confirm"
            type="password"
            autoComplete="new-password"
            required
            minLength={10}
          />
        </label>
        {problem && (
          <p className="state-error" role="alert">
            {problem}
          </p>
        )}
        <button type="submit" disabled={accepted.loading}>
          {accepted.loading ? 'Joining…' : 'Set password and join'}
        </button>
      </>
    );
  return (
    <main className="signin">
      <form onSubmit={onSubmit} aria-label="Accept invitation">
        <h1>Courier</h1>
        {body}
      </form>
    </main>
  );
}
