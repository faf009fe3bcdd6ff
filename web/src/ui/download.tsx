import { useState } from 'react';
import { getToken } from '../apollo/session';

/**
 * A button that downloads one of the API's CSV exports: they need the session's bearer token,
 * which a plain link cannot send, so the file is fetched and handed to the browser as a blob.
 */
export function DownloadButton({
  path,
  filename,
  children,
}: {
  path: string;
  filename: string;
  children: string;
}) {
  const [state, setState] = useState<'idle' | 'busy' | { error: string }>('idle');
  const download = async () => {
    setState('busy');
    try {
      const res = await fetch(path, { headers: { authorization: `Bearer ${getToken() ?? ''}` } });
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as {
          error?: { message?: string };
        } | null;
        throw new Error(body?.error?.message ?? `The export failed (${res.status})`);
      }
      const url = URL.createObjectURL(await res.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = filename;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setState('idle');
    } catch (err) {
      setState({ error: err instanceof Error ? err.message : String(err) });
    }
  };
  return (
    <span className="download">
      <button type="button" disabled={state === 'busy'} onClick={() => void download()}>
        {state === 'busy' ? 'Preparing…' : children}
      </button>
      {typeof state === 'object' && (
        <span className="state-error" role="alert">
          {' '}
          {state.error}
        </span>
      )}
    </span>
  );
}
