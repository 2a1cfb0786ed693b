// Detached child processes that are stopped as a whole process group. code-server's extension
// host, pty host and file watchers outlive a plain kill of code-server, so we always signal the
// group, and a synchronous last resort on process exit makes sure nothing is left behind.
import { spawn } from 'node:child_process';

/** Process-group ids we started and have not yet seen fully stopped. */
const liveGroups = new Set();

process.on('exit', () => {
  for (const pgid of liveGroups) signalGroup(pgid, 'SIGKILL');
});

/** @param {number} pgid @param {NodeJS.Signals} signal @returns {boolean} whether the group still existed */
function signalGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false; // ESRCH: the whole group is already gone.
  }
}

/**
 * Spawns `command` as the leader of a new process group, output piped.
 * @param {string} command @param {string[]} args @param {import('node:child_process').SpawnOptions} options
 */
export function spawnGroup(command, args, options) {
  const child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid !== undefined) liveGroups.add(child.pid);
  return child;
}

/**
 * SIGTERM the group, give the leader `graceMs` to exit, then SIGKILL whatever of the group is left.
 * @param {import('node:child_process').ChildProcess} child @param {number} [graceMs]
 */
export async function stopGroup(child, graceMs = 3000) {
  const pgid = child.pid;
  if (pgid === undefined) return;
  const exited = child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', resolve));
  if (signalGroup(pgid, 'SIGTERM')) {
    let timer;
    await Promise.race([exited, new Promise((resolve) => { timer = setTimeout(resolve, graceMs); })]);
    clearTimeout(timer);
    signalGroup(pgid, 'SIGKILL');
  }
  liveGroups.delete(pgid);
}
