import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

type Handler = (request: IncomingMessage, response: ServerResponse, path: string) => Promise<void>;

/**
 * Listens on localhost (another site than the gateway's 127.0.0.1, as a real shop is another site than its
 * payment provider), answers `/healthz` for the start script, and closes cleanly on SIGINT or SIGTERM.
 */
export function serve(name: string, port: number, handler: Handler): void {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path === '/healthz') {
      response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    handler(request, response, path).catch((error: unknown) => {
      console.error(
        `${name}: ${request.method} ${path} failed:`,
        error instanceof Error ? error.message : error,
      );
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end('Something went wrong on the shop server.');
    });
  });
  server.listen(port, 'localhost', () => console.log(`${name} ready at http://localhost:${port}/`));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      server.close(() => process.exit(0));
      server.closeAllConnections();
    });
  }
}
