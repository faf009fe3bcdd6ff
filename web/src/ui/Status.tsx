import type { ReactNode } from 'react';

/** Loading, error and empty states, the same on every screen. */
export function Loading() {
  return (
    <p className="state" role="status">
      Loading…
    </p>
  );
}

export function ErrorState({ error }: { error: { message: string } }) {
  return (
    <p className="state state-error" role="alert">
      {error.message}
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="state state-empty">{children}</p>;
}
