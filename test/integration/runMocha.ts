// Runs one compiled integration suite with mocha inside the extension host: the main suite
// (index.ts) and the multi-root one (multiRoot/index.ts) share it.
import Mocha from 'mocha';
import { tagConsoleForHarness } from './consoleTag';
import { SuiteReporter } from './suiteReporter';

/** Optional mocha --grep, passed by the runners (`npm run test:integration -- --grep <pattern>`). */
export const GREP_ENV = 'TANDEM_TEST_GREP';

/** @param file the suite's test list, as mocha names it; @param load imports it (once the bdd globals exist). */
export async function runMocha(file: string, load: () => Promise<unknown>): Promise<void> {
  tagConsoleForHarness();
  // Mocha's reporters print through a console.log reference saved when mocha was loaded; point it
  // at the current console so reporter output is tagged too.
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => console.log(...args);

  const grep = process.env[GREP_ENV];
  const mocha = new Mocha({ ui: 'bdd', timeout: 20_000, color: false, reporter: SuiteReporter, ...(grep ? { grep } : {}) });

  // The suite files call describe/it at import time, so the bdd globals must exist first:
  // 'pre-require' is how mocha installs them for a file it loads itself. The list is imported
  // only now (esbuild keeps a dynamic import of a bundled module lazy) for that reason.
  mocha.suite.emit('pre-require', globalThis, file, mocha);
  await load();

  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} integration test${failures === 1 ? '' : 's'} failed`);
}
