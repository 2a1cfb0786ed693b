// Real MCP servers for tests: server-everything (stdio and Streamable HTTP on a loopback port),
// server-memory, and the misbehaving server next to this file; plus a manager wired for tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { McpManager, readMcpConfig, readMcpSettings, type LaunchGuard, type McpConfigSource, type McpSecrets } from '../../../src/core/mcp';

const root = path.resolve(__dirname, '../../..');
export const everythingEntry = path.join(root, 'node_modules/@modelcontextprotocol/server-everything/dist/index.js');
export const memoryEntry = path.join(root, 'node_modules/@modelcontextprotocol/server-memory/dist/index.js');
export const misbehavingEntry = path.join(root, 'test/support/mcp/misbehavingServer.mjs');

export function stdioServer(entry: string, ...args: string[]): Record<string, unknown> {
  return { type: 'stdio', command: process.execPath, args: [entry, ...args] };
}

/** Secrets in memory; `answers` are what the user would type when asked (undefined: cancelled). */
export function memorySecrets(answers: Record<string, string | undefined> = {}): McpSecrets & { stored: Map<string, string>; asked: string[] } {
  const stored = new Map<string, string>();
  const asked: string[] = [];
  return {
    stored, asked,
    get: async (key) => stored.get(key),
    store: async (key, value) => {
      stored.set(key, value);
    },
    ask: async (request) => {
      asked.push(request.key);
      return answers[request.key];
    },
  };
}

export function memoryGuard(options: { restricted?: boolean; answer?: boolean | undefined } = {}): LaunchGuard & { asked: string[] } {
  const trusted = new Map<string, boolean>();
  const asked: string[] = [];
  return {
    asked,
    isRestricted: () => options.restricted === true,
    confirm: async (request) => {
      asked.push(request.commandLine);
      return options.answer;
    },
    trust: { get: (key) => trusted.get(key), set: async (key, value) => void trusted.set(key, value) },
  };
}

export interface TestManager {
  manager: McpManager;
  logs: Array<{ server: string; line: string }>;
  secrets: ReturnType<typeof memorySecrets>;
  guard: ReturnType<typeof memoryGuard>;
}

export async function testManager(servers: Record<string, unknown>, settings: Record<string, unknown> = {}, options: {
  origin?: 'user' | 'workspace'; secrets?: ReturnType<typeof memorySecrets>; guard?: ReturnType<typeof memoryGuard>; inputs?: unknown[]; workspaceFolder?: string;
} = {}): Promise<TestManager> {
  const logs: Array<{ server: string; line: string }> = [];
  const secrets = options.secrets ?? memorySecrets();
  const guard = options.guard ?? memoryGuard();
  const manager = new McpManager({
    workspaceFolder: options.workspaceFolder ?? os.tmpdir(), userHome: os.homedir(), env: process.env, secrets, guard,
    log: (server, line) => logs.push({ server, line }), clientVersion: '0.0.0-test',
  });
  const source: McpConfigSource = { origin: options.origin ?? 'user', source: 'test', servers, ...(options.inputs ? { inputs: options.inputs } : {}) };
  await manager.configure(readMcpConfig([source]), readMcpSettings((key) => settings[key]).settings);
  return { manager, logs, secrets, guard };
}

export async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** server-everything in Streamable HTTP mode on a loopback port; resolves once it listens. */
export async function startEverythingHttp(): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [everythingEntry, 'streamableHttp'], { env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server-everything did not start listening within 15 s')), 15_000);
    const onData = (chunk: Buffer) => {
      if (/listening on port/i.test(chunk.toString())) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stderr?.on('data', onData);
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server-everything exited with ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill();
      await exited;
    },
  };
}
