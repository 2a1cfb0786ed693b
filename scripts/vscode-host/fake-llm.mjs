// Starts the scripted fake model server (test/support/fake-llm-cli.ts, run with tsx) for the
// demo, and hands back its OpenAI-compatible base URL.
import path from 'node:path';
import { onLines } from './line-reader.mjs';
import { toolScript } from './node-tools.mjs';
import { REPO_ROOT } from './paths.mjs';
import { spawnGroup, stopGroup } from './process-group.mjs';

const LISTENING = /fake-llm listening on (http:\/\/\S+)/;
const STARTUP_TIMEOUT_MS = 30_000;

/**
 * @param {{ onLog?: (line: string) => void }} [options] onLog: every other line it prints
 * @returns {Promise<{ baseUrl: string, stop: () => Promise<void>, exited: Promise<string> }>}
 */
export async function startFakeLlm({ onLog = () => {} } = {}) {
  const cli = path.join('test', 'support', 'fake-llm-cli.ts');
  // A group of its own: tsx runs the server in a child process, and both must stop together.
  const child = spawnGroup(process.execPath, [toolScript('tsx', 'tsx'), cli, '--demo', '--port', '0'], { cwd: REPO_ROOT });
  const stop = () => stopGroup(child);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(signal ?? `exit ${code}`)));

  try {
    const baseUrl = await new Promise((resolve, reject) => {
      let recent = '';
      const timer = setTimeout(() => reject(new Error(`the fake model server did not start within ${STARTUP_TIMEOUT_MS / 1000} s:\n${recent}`)), STARTUP_TIMEOUT_MS);
      const onLine = (line) => {
        const match = LISTENING.exec(line);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
          return;
        }
        recent = `${recent}${line}\n`.slice(-4000);
        onLog(line);
      };
      onLines(child.stdout, onLine);
      onLines(child.stderr, onLine);
      child.once('error', (error) => { clearTimeout(timer); reject(error); });
      exited.then((how) => { clearTimeout(timer); reject(new Error(`the fake model server exited during startup (${how}):\n${recent}`)); });
    });
    return { baseUrl, stop, exited };
  } catch (error) {
    await stop();
    throw error;
  }
}
