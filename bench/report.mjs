// Shared by the benchmarks: statistics, the results file ARCHITECTURE.md describes
// ({"metrics", "budgets", "pass"}), and a readable table.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
/** Every run's output: git-ignored, so running a benchmark leaves the checkout clean. */
const runsDir = path.join(benchDir, 'runs');
/** The recorded baselines (tracked): written only when asked (`npm run bench -- <name> --record`). */
const baselinesDir = path.join(benchDir, 'results');

export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

export const median = (values) => percentile(values, 50);

/** Every budgeted metric must be at or under its budget. */
export function writeResult(name, metrics, budgets) {
  const pass = Object.entries(budgets).every(([key, budget]) => metrics[key] <= budget);
  const rounded = Object.fromEntries(Object.entries(metrics).map(([k, v]) => [k, Math.round(v * 100) / 100]));
  const result = { metrics: rounded, budgets, pass };
  const text = `${JSON.stringify(result, null, 2)}\n`;
  const dirs = process.env.TANDEM_BENCH_RECORD === '1' ? [runsDir, baselinesDir] : [runsDir];
  for (const dir of dirs) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `${name}.json`), text);
  }
  console.log(`results: ${dirs.map((dir) => path.relative(process.cwd(), path.join(dir, `${name}.json`))).join(' and ')}`);
  return result;
}

export function printTable(name, metrics, budgets, pass) {
  const rows = Object.entries(metrics).map(([key, value]) => {
    const budget = budgets[key];
    const verdict = budget === undefined ? '' : value <= budget ? 'ok' : 'OVER';
    return `| ${key} | ${format(key, value)} | ${budget === undefined ? '' : format(key, budget)} | ${verdict} |`;
  });
  console.log(`\n${name}: ${pass ? 'within budget' : 'OVER BUDGET'}\n\n| metric | value | budget | |\n|---|---|---|---|\n${rows.join('\n')}\n`);
}

function format(key, value) {
  if (/Bytes$/.test(key)) return `${(value / 1024).toFixed(1)} KiB`;
  if (/Ms/.test(key)) return `${value.toFixed(1)} ms`;
  return String(value);
}
