import { spawn } from 'node:child_process';
import net from 'node:net';

/**
 * A loopback port whose connections never complete: a child process listens with a backlog of 1
 * and blocks its event loop so it never accepts; once the accept queue is full the kernel drops
 * further SYNs, and a client's connect hangs exactly as it does towards a firewalled host.
 */
export async function blackholePort(): Promise<{ port: number; close: () => void }> {
  const script = `const s=require('net').createServer();s.listen(0,'127.0.0.1',1,()=>{console.log(s.address().port);setTimeout(()=>Atomics.wait(new Int32Array(new SharedArrayBuffer(4)),0,0),30)})`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'ignore'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.once('data', (data: Buffer) => resolve(Number(String(data).trim())));
    child.once('error', reject);
  });
  await new Promise((resolve) => setTimeout(resolve, 100));
  const fillers: net.Socket[] = [];
  // Fill the accept queue until a connection attempt stalls.
  for (let i = 0; i < 16; i++) {
    const socket = net.connect(port, '127.0.0.1');
    fillers.push(socket);
    socket.on('error', () => undefined);
    const connected = await new Promise<boolean>((resolve) => {
      socket.once('connect', () => resolve(true));
      setTimeout(() => resolve(false), 150);
    });
    if (!connected) break;
  }
  return {
    port,
    close: () => {
      fillers.forEach((s) => s.destroy());
      child.kill('SIGKILL');
    },
  };
}
