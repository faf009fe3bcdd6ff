import type { Server, ServerResponse } from 'node:http';

/**
 * Starts draining an HTTP server for shutdown. `server.close()` alone waits for every kept-alive
 * socket, and a client under load never lets one go idle; so from now on every response says
 * `Connection: close`, sockets are closed as soon as they fall idle, and whatever is still open
 * after `graceMs` is closed outright. Returns a function that stops the timers.
 */
export function drainConnections(server: Server, graceMs: number): () => void {
  const closeAfterResponse = (_req: unknown, res: ServerResponse) => {
    res.setHeader('connection', 'close');
  };
  server.prependListener('request', closeAfterResponse);
  server.closeIdleConnections();
  const idle = setInterval(() => server.closeIdleConnections(), 50);
  const force = setTimeout(() => server.closeAllConnections(), graceMs);
  idle.unref();
  force.unref();
  return () => {
    clearInterval(idle);
    clearTimeout(force);
    server.off('request', closeAfterResponse);
  };
}
