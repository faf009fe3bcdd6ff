import { ApolloProvider } from '@apollo/client/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { makeClient } from './apollo/client';
import { getToken } from './apollo/session';
import { App } from './App';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ApolloProvider client={makeClient()}>
      <App signedIn={getToken() !== null} />
    </ApolloProvider>
  </StrictMode>,
);
