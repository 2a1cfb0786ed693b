// The `npm start` session (scripts/vscode-host/user-session.mjs) started from a test: the same
// launcher a person runs, with Tandem installed from its .vsix and no smoke-test driver.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface UserSession {
  readonly url: string;
  readonly project: string;
  stop(): Promise<void>;
}

interface UserSessionModule {
  startUserSession(options: { profileDir: string; demo?: boolean; build?: boolean; scratchDir?: string; onLog?: (line: string) => void }): Promise<UserSession>;
}

const LAUNCHER = path.resolve(__dirname, '..', '..', '..', 'scripts', 'vscode-host', 'user-session.mjs');

/**
 * Starts a demo session in a temp folder; `stop()` also removes the folder. Packs dist/ as the
 * suite's build left it: rebuilding would replace the bundles the suite's workbench still serves.
 */
export async function startDemoUserSession(log: (line: string) => void): Promise<UserSession> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'tandem-user-session-'));
  const launcher = (await import(pathToFileURL(LAUNCHER).href)) as UserSessionModule;
  try {
    const session = await launcher.startUserSession({ profileDir: root, demo: true, build: false, scratchDir: root, onLog: log });
    return {
      url: session.url,
      project: session.project,
      stop: async () => {
        await session.stop();
        rmSync(root, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
}
