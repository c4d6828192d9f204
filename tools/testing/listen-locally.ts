import type { Server } from 'node:http';

/**
 * Starts `server` on a free port of 127.0.0.1 and resolves to it and its URL
 * (`http://127.0.0.1:PORT/`): how the browser tests serve their pages to headless Chromium.
 */
export function listenLocally(server: Server): Promise<{ server: Server; url: string }> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (!address || typeof address === 'string') return reject(new Error('the test server has no port'));
      resolve({ server, url: `http://127.0.0.1:${address.port}/` });
    });
  });
}
