// `npm run bench -- redaction`: the secret detector against the budget of ARCHITECTURE.md (a 1 MB
// file redacted in at most 20 ms, median of 25 runs after warm-up), on 1 MB of real code and on
// 1 MB of YAML settings with secrets (and, without a budget, 1 MB made only of secret-holding
// files: some 6,000 secrets, the worst case); the previous redactor and secretlint's preset run over the
// whole text are measured in the same run as baselines, and a generated corpus tells how many
// secret values each redactor leaves behind. Writes bench/results/redaction.json.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { printTable, writeResult } from '../report.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const suite = await tsImport('./suite.ts', import.meta.url);

const metrics = { ...suite.timingScenario(repoRoot), ...suite.coverageScenario() };
const budgets = {
  detector1MbCodeMs: 20,
  detector1MbConfigYamlMs: 20,
  corpusLeftByDetector: 0,
};
const result = writeResult('redaction', metrics, budgets);
printTable('redaction', metrics, budgets, result.pass);
process.exitCode = result.pass ? 0 : 1;
