// `npm run test:electron`: the same integration suite in desktop VS Code 1.139.1, downloaded by
// @vscode/test-electron (needs internet; on Linux without a display run it under `xvfb-run -a`).
// Same suite entry, same sample workspace (a fresh copy), fresh user data and extensions folders.
// The package.json script builds first (`node esbuild.config.mjs --tests`).
//
//   node scripts/test-electron.mjs [--grep <pattern>]
import { runTests } from '@vscode/test-electron';
import { cpSync, existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatDuration } from './vscode-host/format.mjs';
import { REPO_ROOT, SAMPLE_FIXTURE, SUITE_ENTRY, VSCODE_VERSION } from './vscode-host/paths.mjs';
import { createTempProfile } from './vscode-host/profile.mjs';
import { assertSuiteManifestComplete } from './vscode-host/suite-manifest.mjs';
import { writeUserSettings } from './vscode-host/user-settings.mjs';

// Shared with test/integration/index.ts.
const GREP_ENV = 'TANDEM_TEST_GREP';

const { values: options } = parseArgs({ options: { grep: { type: 'string' } } });
const started = Date.now();

if (!existsSync(SUITE_ENTRY)) {
  console.error(`${path.relative(REPO_ROOT, SUITE_ENTRY)} is missing: run \`node esbuild.config.mjs --tests\` first`);
  process.exit(1);
}
assertSuiteManifestComplete();

const profile = createTempProfile();
const workspace = path.join(profile.root, 'pocket-ledger');
cpSync(SAMPLE_FIXTURE, workspace, { recursive: true });
writeUserSettings(profile.userDataDir, {});

let exitCode = 1;
try {
  exitCode = await runTests({
    // The suite checks it runs in 1.139, the version the code-server host embeds.
    version: VSCODE_VERSION,
    extensionDevelopmentPath: REPO_ROOT,
    extensionTestsPath: SUITE_ENTRY,
    // The first argument is the folder to open; our profile folders replace .vscode-test's shared ones.
    launchArgs: [
      workspace,
      `--user-data-dir=${profile.userDataDir}`,
      `--extensions-dir=${profile.extensionsDir}`,
      '--disable-telemetry',
    ],
    extensionTestsEnv: { ...profile.env, ...(options.grep ? { [GREP_ENV]: options.grep } : {}) },
  });
} catch (error) {
  // runTests rejects with TestRunFailedError when VS Code exits non-zero (a failing test included).
  console.error(`Integration run (desktop VS Code) failed: ${error instanceof Error ? error.message : error}`);
} finally {
  profile.dispose();
}
console.log(`Integration run (desktop VS Code ${VSCODE_VERSION}) ${exitCode === 0 ? 'passed' : 'FAILED'} in ${formatDuration(Date.now() - started)}`);
process.exitCode = exitCode === 0 ? 0 : 1;
