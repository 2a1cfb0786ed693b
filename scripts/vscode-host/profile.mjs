// A "profile" is every folder code-server and Chromium write to: VS Code's user data and
// extensions, the XDG config/data/cache homes, TMPDIR, and code-server's config file. Pointing all
// of them into one folder keeps HOME and /tmp clean and makes runs independent of each other.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * @typedef {object} Profile
 * @property {string} root
 * @property {string} userDataDir
 * @property {string} extensionsDir
 * @property {string} configFile   code-server's --config (otherwise it writes ~/.config/code-server)
 * @property {string} tmpDir
 * @property {Record<string, string>} env  XDG_* and TMPDIR for the processes using this profile
 */

/** Creates (or reuses) the profile folders under `root`. @param {string} root @returns {Profile} */
export function openProfile(root) {
  const dirs = {
    userDataDir: path.join(root, 'user-data'),
    extensionsDir: path.join(root, 'extensions'),
    tmpDir: path.join(root, 'tmp'),
    config: path.join(root, 'xdg', 'config'),
    data: path.join(root, 'xdg', 'data'),
    cache: path.join(root, 'xdg', 'cache'),
    // Agent tasks ($XDG_STATE_HOME/tandem/tasks) stay in the run's profile, not the user's home.
    state: path.join(root, 'xdg', 'state'),
  };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  const configFile = path.join(root, 'code-server.yaml');
  // Every setting is also passed as a flag; the file exists so code-server does not create its
  // default one (with a generated password) in the user's config folder.
  writeFileSync(configFile, 'auth: none\ncert: false\n');
  return {
    root,
    userDataDir: dirs.userDataDir,
    extensionsDir: dirs.extensionsDir,
    configFile,
    tmpDir: dirs.tmpDir,
    env: {
      XDG_CONFIG_HOME: dirs.config,
      XDG_DATA_HOME: dirs.data,
      XDG_CACHE_HOME: dirs.cache,
      XDG_STATE_HOME: dirs.state,
      TMPDIR: dirs.tmpDir,
    },
  };
}

/** A fresh profile in a new temp folder, removed by `dispose()`. @returns {Profile & { dispose(): void }} */
export function createTempProfile() {
  const root = mkdtempSync(path.join(os.tmpdir(), 'tandem-vscode-'));
  return { ...openProfile(root), dispose: () => rmSync(root, { recursive: true, force: true }) };
}
