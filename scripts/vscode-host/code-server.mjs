// Starts code-server (VS Code 1.139.1 for the browser) on the loopback interface and hands back
// its URL once it accepts connections. Flags as verified in shared VSCODE_TEST_HOST.md.
import { CODE_SERVER_ENTRY, NODE_BIN } from './paths.mjs';
import { onLines } from './line-reader.mjs';
import { envWithoutNpmRunContext } from './npm-env.mjs';
import { spawnGroup, stopGroup } from './process-group.mjs';
import { runCommand } from './run-command.mjs';

const LISTENING = /HTTP server listening on (http:\/\/[^\s/]+)\/?/;
const STARTUP_TIMEOUT_MS = 60_000;

/**
 * @typedef {object} CodeServer
 * @property {string} url        e.g. http://127.0.0.1:41234
 * @property {() => Promise<void>} stop  stops code-server and every process it started
 * @property {Promise<string>} exited     settles when code-server exits, with how ("exit 1", "SIGTERM")
 */

/**
 * @param {object} options
 * @param {import('./profile.mjs').Profile} options.profile
 * @param {number} [options.port]  0 (default) lets the OS pick a free port; the log tells us which
 * @param {number} [options.reconnectionGraceSeconds]  short for tests, so a closed page frees the extension host
 * @param {Record<string, string>} [options.env]  extra environment (the extension host inherits it)
 * @param {(line: string) => void} [options.onLog]  every line code-server prints
 * @param {boolean} [options.smokeTestDriver]  true (default) for test runs: the workbench honours the
 *   URL payload (development extension, test suite) but drops every notification toast. A session
 *   for a person passes false and installs Tandem's .vsix instead (see user-session.mjs).
 * @returns {Promise<CodeServer>}
 */
export async function startCodeServer({ profile, port = 0, reconnectionGraceSeconds, env = {}, onLog = () => {}, smokeTestDriver = true }) {
  const args = [
    CODE_SERVER_ENTRY,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--config', profile.configFile,
    '--user-data-dir', profile.userDataDir,
    '--extensions-dir', profile.extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
  ];
  // Without the smoke-test driver a built workbench ignores the URL payload that carries
  // extensionDevelopmentPath / extensionTestsPath (code-server passes the flag straight to VS Code).
  if (smokeTestDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  if (reconnectionGraceSeconds !== undefined) args.push('--reconnection-grace-time', String(reconnectionGraceSeconds));

  const child = spawnGroup(NODE_BIN, args, { env: { ...envWithoutNpmRunContext(), ...profile.env, ...env } });
  const stop = () => stopGroup(child);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(signal ?? `exit ${code}`)));

  try {
    const url = await new Promise((resolve, reject) => {
      let recent = '';
      const timer = setTimeout(() => reject(new Error(`code-server did not start within ${STARTUP_TIMEOUT_MS / 1000} s:\n${recent}`)), STARTUP_TIMEOUT_MS);
      const onLine = (line) => {
        onLog(line);
        recent = `${recent}${line}\n`.slice(-4000);
        const match = LISTENING.exec(line);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      };
      onLines(child.stdout, onLine);
      onLines(child.stderr, onLine);
      child.once('error', (error) => { clearTimeout(timer); reject(error); });
      exited.then((how) => { clearTimeout(timer); reject(new Error(`code-server exited during startup (${how}):\n${recent}`)); });
    });
    return { url, stop, exited };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Installs a .vsix into the profile's extensions folder, as `code --install-extension` does.
 * @param {import('./profile.mjs').Profile} profile @param {string} vsix
 */
export async function installExtension(profile, vsix) {
  const { code, output } = await runCommand(
    NODE_BIN,
    [CODE_SERVER_ENTRY, '--extensions-dir', profile.extensionsDir, '--user-data-dir', profile.userDataDir, '--config', profile.configFile, '--install-extension', vsix],
    { env: { ...envWithoutNpmRunContext(), ...profile.env }, capture: true },
  );
  if (code !== 0) throw new Error(`code-server could not install ${vsix} (exit ${code}):\n${output.trim()}`);
}
