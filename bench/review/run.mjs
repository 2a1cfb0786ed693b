// `npm run bench -- review`: the review engine's own time on a large change (200 files, 6,000
// one-line hunks, ~60k diff lines): reading the diff, building the prompt views with the enclosing
// functions, and the precision rules over 2,000 findings. Model time is not part of it.
import { tsImport } from 'tsx/esm/api';
import { printTable, writeResult } from '../report.mjs';

const suite = await tsImport('./suite.ts', import.meta.url);
const metrics = suite.reviewEngineScenario();
const budgets = { parseDiffMs: 100, promptViewsMs: 1_000, precisionRulesMs: 50 };
const result = writeResult('review', metrics, budgets);
printTable('review', metrics, budgets, result.pass);
process.exitCode = result.pass ? 0 : 1;
