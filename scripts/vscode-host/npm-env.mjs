// Environments for child processes started from scripts that may themselves run under `npm run`.
import path from 'node:path';
import { NODE_BIN_DIR, NODE_DIR } from './paths.mjs';

/**
 * `npm run` exports its own bookkeeping and every effective setting as npm_* variables. A nested
 * npm reads npm_config_* back as settings, which is fine (same values, including a registry
 * mirror set by the user) except for two: `npm_config_user_agent` still says "node/v20", and
 * code-server's postinstall takes the Node version from it and refuses to install; and
 * `npm_config_allow_scripts` at the env level is an error in a project-scoped install (npm reads
 * the user's npmrc itself anyway). The bookkeeping variables are dropped as noise.
 * @returns {NodeJS.ProcessEnv}
 */
export function envWithoutNpmRunContext() {
  const dropped = /^npm_(config_user_agent|config_allow_scripts|command|execpath|node_execpath|lifecycle_\w+|package_\w+)$/i;
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !dropped.test(key)));
}

/**
 * For npm commands that must run under the host's Node 24: its bin first on PATH (the npm shim is
 * `#!/usr/bin/env node`, and code-server's postinstall refuses any other Node major), and
 * `npm_config_nodedir` at its headers so node-gyp builds the native modules against Node 24 even
 * where an npmrc points nodedir at the system Node.
 * @returns {NodeJS.ProcessEnv}
 */
export function node24NpmEnv() {
  const env = envWithoutNpmRunContext();
  return {
    ...env,
    PATH: [NODE_BIN_DIR, env.PATH ?? ''].join(path.delimiter),
    npm_config_nodedir: NODE_DIR,
    // Keep `resolved` in the lockfiles (an npmrc may omit it): without it npm cannot verify the
    // version-pinned allowScripts entries that VS Code's own package.json approves its native
    // modules with.
    npm_config_omit_lockfile_registry_resolved: 'false',
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
  };
}
