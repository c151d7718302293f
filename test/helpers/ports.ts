/**
 * A loopback port that was free a moment ago and is closed now: a server to start there later (the launch
 * benchmark's fixed origin) or an address nothing answers on (NP or SMTP unreachable).
 */
import { createServer, type AddressInfo } from 'node:net';

export function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
