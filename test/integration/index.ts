// Entry point of the integration suite. VS Code's extension host loads the compiled file
// (out/test/integration/index.js, see esbuild.config.mjs) and awaits run(); a rejection marks
// the run as failed. Runs the same under code-server (npm test) and @vscode/test-electron.
import Mocha from 'mocha';
import { tagConsoleForHarness } from './consoleTag';
import { SuiteReporter } from './suiteReporter';

/** Optional mocha --grep, passed by the runners (`npm run test:integration -- --grep <pattern>`). */
export const GREP_ENV = 'TANDEM_TEST_GREP';

export async function run(): Promise<void> {
  tagConsoleForHarness();
  // Mocha's reporters print through a console.log reference saved when mocha was loaded; point it
  // at the current console so reporter output is tagged too.
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => console.log(...args);

  const grep = process.env[GREP_ENV];
  const mocha = new Mocha({ ui: 'bdd', timeout: 20_000, color: false, reporter: SuiteReporter, ...(grep ? { grep } : {}) });

  // The suite files call describe/it at import time, so the bdd globals must exist first:
  // 'pre-require' is how mocha installs them for a file it loads itself. `./all` is imported
  // only now (esbuild keeps a dynamic import of a bundled module lazy) for that reason.
  mocha.suite.emit('pre-require', globalThis, 'test/integration/all.ts', mocha);
  await import('./all');

  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} integration test${failures === 1 ? '' : 's'} failed`);
}
