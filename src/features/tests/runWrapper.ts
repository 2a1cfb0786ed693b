import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../../core/fs/atomicWrite';

/**
 * The program a test task runs: it runs the command line through the platform's shell (sh, or
 * cmd.exe on Windows), copies everything it prints to the terminal AND to a file, and exits with
 * the command's own exit code. So Tandem reads the output from the file and the verdict from
 * onDidEndTaskProcess, while the user watches the run in the terminal like any task.
 * Plain CommonJS for whatever Node runs it (VS Code's own, as ELECTRON_RUN_AS_NODE).
 * Usage: node test-run.js <output file> <command line>
 */
export const runWrapperSource = `'use strict';
// Tandem's test-run wrapper: runs a command line, tees its output to a file, exits with its exit code.
const fs = require('fs');
const os = require('os');
const { spawn } = require('child_process');
const [, , outFile, command] = process.argv;
if (!outFile || !command) {
  process.stderr.write('usage: test-run.js <output file> <command line>\\n');
  process.exit(2);
}
// Set only so VS Code's executable runs this as Node; the tests must not inherit it.
delete process.env.ELECTRON_RUN_AS_NODE;
const out = fs.openSync(outFile, 'w');
// What runs, for the person watching the terminal (not part of the captured output).
process.stdout.write('> ' + command + '\\n\\n');
const windows = process.platform === 'win32';
const child = spawn(command, { shell: true, stdio: ['ignore', 'pipe', 'pipe'], detached: !windows, windowsHide: true });
const tee = (from, to) => from.on('data', (chunk) => { fs.writeSync(out, chunk); to.write(chunk); });
tee(child.stdout, process.stdout);
tee(child.stderr, process.stderr);
// Stopping the task stops the whole command (its own process group), not just the shell.
const stop = (signal) => { try { if (windows) child.kill(); else process.kill(-child.pid, signal); } catch (error) { /* already gone */ } };
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => stop(signal));
child.on('error', (error) => {
  const text = 'Tandem could not run the command: ' + error.message + '\\n';
  fs.writeSync(out, text);
  process.stderr.write(text);
  process.exitCode = 127;
});
child.on('close', (code, signal) => {
  fs.closeSync(out);
  if (code !== null) process.exitCode = code;
  else process.exitCode = 128 + ((signal && os.constants.signals[signal]) || 1);
});
`;

/** Bumped whenever the source changes, so an older copy on disk is never run. */
const wrapperName = 'test-run-2.js';

/** Writes the wrapper into `dir` (once) and returns its path. */
export async function ensureRunWrapper(dir: string): Promise<string> {
  const file = path.join(dir, wrapperName);
  if ((await readFile(file, 'utf8').catch(() => undefined)) === runWrapperSource) return file;
  await writeFileAtomic(file, runWrapperSource);
  return file;
}
