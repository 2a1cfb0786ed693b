// Entry point of the integration suite. VS Code's extension host loads the compiled file
// (out/test/integration/index.js, see esbuild.config.mjs) and awaits run(); a rejection marks
// the run as failed. Runs the same under code-server (npm test) and @vscode/test-electron.
import { runMocha } from './runMocha';

export { GREP_ENV } from './runMocha';

export function run(): Promise<void> {
  return runMocha('test/integration/all.ts', () => import('./all'));
}
