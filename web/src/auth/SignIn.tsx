import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { setToken } from '../apollo/session';
import { graphql } from '../gql';

const LOGIN = graphql(`
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      token
    }
  }
`);

/** The sign-in form; a session token goes to localStorage and the app reloads into it. */
export function SignIn() {
  const [login, { loading }] = useMutation(LOGIN);
  const [error, setError] = useState<string | null>(null);
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setError(null);
    try {
      const { data } = await login({
        variables: { email: String(form.get('email')), password: String(form.get('password')) },
      });
      if (data) {
        setToken(data.login.token);
        window.location.reload();
      }
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <main className="signin">
      <form onSubmit={onSubmit} aria-label="Sign in">
        <h1>Courier</h1>
        <label>
          Email
          <input name="email" type="email" autoComplete="username" required autoFocus />
        </label>
        <label>
          Password
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        {error && (
          <p className="state-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={loading}>
          {loading ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
