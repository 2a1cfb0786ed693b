// Entry point of the multi-root suite: run by `scripts/vscode-host/run-integration.mjs --multi-root`
// (part of `node scripts/test.mjs --only integration`) in a .code-workspace of two folders, the
// sample (pocket-ledger) and test/fixtures/workspaces/shelf-keeper.
import { runMocha } from '../runMocha';

export function run(): Promise<void> {
  return runMocha('test/integration/multiRoot/multiRoot.test.ts', () => import('./multiRoot.test'));
}
