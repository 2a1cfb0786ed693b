// A port with nothing listening on it, for "connection refused" tests. The OS hands out a free
// port, we release it at once; another process could take it meanwhile, which on a test machine
// within microseconds is unlikely enough.
import { createServer } from 'node:net';

export function unusedPort(host = '127.0.0.1'): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => (port > 0 ? resolve(port) : reject(new Error('fake-llm: could not find an unused port'))));
    });
  });
}
