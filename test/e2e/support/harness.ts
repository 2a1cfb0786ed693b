import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';

/**
 * Typed doors into the code-server harness (scripts/vscode-host/*.mjs), which the integration
 * runner, `npm start` and the benchmarks share. Loaded by URL so TypeScript does not try to
 * type-check plain JavaScript modules.
 */
export interface Profile { root: string; userDataDir: string; env: Record<string, string>; dispose(): void }
export interface CodeServer { url: string; stop(): Promise<void> }

interface Harness {
  repoRoot: string;
  sampleFixture: string;
  testResultsDir: string;
  installVscodeHost(): Promise<void>;
  createTempProfile(): Profile;
  startCodeServer(options: { profile: Profile; reconnectionGraceSeconds?: number; onLog?: (line: string) => void }): Promise<CodeServer>;
  launchChromium(env: Record<string, string>): Promise<Browser>;
  writeUserSettings(userDataDir: string, settings: Record<string, unknown>): string;
  updateUserSettings(userDataDir: string, settings: Record<string, unknown>): string;
  workbenchUrl(options: { serverUrl: string; folder: string; extensionDevelopmentPath: string }): string;
}

const scripts = path.resolve(__dirname, '..', '..', '..', 'scripts');
const load = (file: string): Promise<Record<string, unknown>> => import(pathToFileURL(path.join(scripts, file)).href) as Promise<Record<string, unknown>>;

export async function loadHarness(): Promise<Harness> {
  const [paths, installer, profile, codeServer, browser, settings, url] = await Promise.all([
    load('vscode-host/paths.mjs'), load('install-vscode-host.mjs'), load('vscode-host/profile.mjs'),
    load('vscode-host/code-server.mjs'), load('vscode-host/browser.mjs'), load('vscode-host/user-settings.mjs'), load('vscode-host/workbench-url.mjs'),
  ]);
  return {
    repoRoot: paths.REPO_ROOT as string,
    sampleFixture: paths.SAMPLE_FIXTURE as string,
    testResultsDir: paths.TEST_RESULTS_DIR as string,
    installVscodeHost: installer.installVscodeHost as Harness['installVscodeHost'],
    createTempProfile: profile.createTempProfile as Harness['createTempProfile'],
    startCodeServer: codeServer.startCodeServer as Harness['startCodeServer'],
    launchChromium: browser.launchChromium as Harness['launchChromium'],
    writeUserSettings: settings.writeUserSettings as Harness['writeUserSettings'],
    updateUserSettings: settings.updateUserSettings as Harness['updateUserSettings'],
    workbenchUrl: url.workbenchUrl as Harness['workbenchUrl'],
  };
}
