// The operating-system packages the test host needs: Chromium to drive the workbench, and (only
// while code-server is being built) the Kerberos headers plus a C++ toolchain for its native
// modules. On Debian/Ubuntu as root we apt-get them (only when missing; TANDEM_SKIP_APT=1 never
// does); otherwise we stop with the exact command.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { runCommand } from './run-command.mjs';
import { CHROMIUM_PATH } from './paths.mjs';

/** @param {string} name */
function onPath(name) {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir && existsSync(path.join(dir, name)));
}

/**
 * @param {{ forBuild: boolean }} options forBuild: code-server is about to be compiled.
 * @returns {string[]} Debian package names that are missing.
 */
export function missingSystemPackages({ forBuild }) {
  const missing = [];
  if (!existsSync(CHROMIUM_PATH)) missing.push('chromium');
  if (forBuild) {
    // The `kerberos` module in VS Code's server includes <gssapi/gssapi.h> and links libkrb5.
    if (!existsSync('/usr/include/krb5.h') || !existsSync('/usr/include/gssapi/gssapi.h')) missing.push('libkrb5-dev');
    if (!onPath('make') || !onPath('g++')) missing.push('build-essential');
    if (!onPath('python3')) missing.push('python3');
  }
  return missing;
}

/**
 * Installs what is missing with apt-get (update once, then install), or throws with the command
 * a user has to run when we cannot do it ourselves.
 * @param {{ forBuild: boolean }} options
 */
export async function ensureSystemPackages(options) {
  const missing = missingSystemPackages(options);
  if (missing.length === 0) return;

  const command = `apt-get update && apt-get install -y ${missing.join(' ')}`;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const skipApt = process.env.TANDEM_SKIP_APT === '1';
  if (process.platform !== 'linux' || !isRoot || !onPath('apt-get') || skipApt) {
    throw new Error(
      `Missing system packages: ${missing.join(', ')}${skipApt ? ' (not installed: TANDEM_SKIP_APT=1)' : ''}.\n` +
      (process.platform === 'linux' ? `Install them, then run this again:\n  sudo sh -c '${command}'` :
        'Install Chromium (set CHROMIUM_PATH to its binary) and a C++ toolchain, then run this again.'),
    );
  }

  console.log(`Installing system packages: ${missing.join(' ')} (apt-get)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', ...missing]]) {
    const { code } = await runCommand('apt-get', args, { env });
    if (code !== 0) throw new Error(`apt-get ${args[0]} failed (exit ${code}); run as root: ${command}`);
  }
  const stillMissing = missingSystemPackages(options);
  if (stillMissing.length > 0) throw new Error(`apt-get finished but these are still missing: ${stillMissing.join(', ')}`);
}
