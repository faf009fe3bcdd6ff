import { GraphiQL } from 'graphiql';
import 'graphiql/style.css';
import { createRoot } from 'react-dom/client';
import { getToken } from '../apollo/session';

// The explorer is bundled with the dashboard and served from its origin, so it works offline
// and reads the signed-in session's token; without one it sends the visitor to sign in first.
const token = getToken();
if (!token) {
  window.location.replace('/');
} else {
  const fetcher = async (params: unknown) => {
    const res = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(params),
    });
    return res.json() as Promise<Record<string, unknown>>;
  };
  createRoot(document.getElementById('explorer')!).render(
    <GraphiQL
      fetcher={fetcher}
      defaultQuery={
        '# Your session is signed in: try a query, then press Run.\n{\n  organization {\n    name\n    stats { total completionRate averageProgress }\n  }\n}\n'
      }
    />,
  );
}
