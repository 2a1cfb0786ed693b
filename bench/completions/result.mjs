// The results file of this benchmark: bench/report.mjs's format ({"metrics", "budgets", "pass"}),
// plus budgets that are floors ("atLeast": prompt reuse, speed-up, prefetch hits must reach them).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function withinBudget(key, value, budget, atLeast) {
  return atLeast.includes(key) ? value >= budget : value <= budget;
}

export function writeCompletionsResult(metrics, budgets, atLeast) {
  const pass = Object.entries(budgets).every(([key, budget]) => withinBudget(key, metrics[key], budget, atLeast));
  const rounded = Object.fromEntries(Object.entries(metrics).map(([k, v]) => [k, Math.round(v * 100) / 100]));
  const text = `${JSON.stringify({ metrics: rounded, budgets, atLeast, pass }, null, 2)}\n`;
  const dirs = [path.join(benchDir, 'runs'), ...(process.env.TANDEM_BENCH_RECORD === '1' ? [path.join(benchDir, 'results')] : [])];
  for (const dir of dirs) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'completions.json'), text);
  }
  console.log(`results: ${dirs.map((dir) => path.relative(process.cwd(), path.join(dir, 'completions.json'))).join(' and ')}`);
  return { pass };
}

export function printBudgetTable(metrics, budgets, atLeast, pass) {
  const format = (key, value) => (/Ms/.test(key) ? `${value.toFixed(1)} ms` : String(Math.round(value * 100) / 100));
  const rows = Object.entries(metrics).map(([key, value]) => {
    const budget = budgets[key];
    const verdict = budget === undefined ? '' : withinBudget(key, value, budget, atLeast) ? 'ok' : atLeast.includes(key) ? 'UNDER' : 'OVER';
    return `| ${key} | ${format(key, value)} | ${budget === undefined ? '' : `${atLeast.includes(key) ? '>= ' : ''}${format(key, budget)}`} | ${verdict} |`;
  });
  console.log(`\ncompletions: ${pass ? 'within budget' : 'OUT OF BUDGET'}\n\n| metric | value | budget | |\n|---|---|---|---|\n${rows.join('\n')}\n`);
}
