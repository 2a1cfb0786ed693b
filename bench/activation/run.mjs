// `npm run bench -- activation`: how long Tandem takes to start inside a real VS Code 1.139
// (code-server in headless Chromium), on the production bundle users install, over several fresh
// starts; and the size of the .vsix. Writes bench/runs/activation.json (with --record also bench/results/).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { runIntegration } from '../../scripts/vscode-host/run-integration.mjs';
import { REPO_ROOT } from '../../scripts/vscode-host/paths.mjs';
import { median, percentile, printTable, writeResult } from '../report.mjs';

const starts = Number(process.env.TANDEM_BENCH_STARTS ?? 5);
const suiteEntry = path.join(REPO_ROOT, 'out', 'bench', 'activation', 'suite.js');
const benchLine = /^TANDEM_BENCH (\{.*\})\s*$/;

// The packaged (minified) bundle is what users run; `npm run package` builds it and the .vsix.
const packageOutput = execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'package.mjs')], { cwd: REPO_ROOT, encoding: 'utf8' });
const vsixBytes = Number(/\((\d+) bytes\)/.exec(packageOutput)?.[1]);
if (!Number.isFinite(vsixBytes)) throw new Error(`could not read the .vsix size from:\n${packageOutput}`);

await esbuild.build({
  entryPoints: [path.join(REPO_ROOT, 'bench', 'activation', 'suite.ts')], outfile: suiteEntry,
  bundle: true, platform: 'node', target: 'node18', format: 'cjs', external: ['vscode'], logLevel: 'warning',
});

const samples = [];
for (let i = 1; i <= starts; i++) {
  let sample;
  const outcome = await runIntegration({
    suiteEntry, timeoutMs: 120_000,
    onSuiteLine: (line) => {
      const match = benchLine.exec(line);
      if (match) sample = JSON.parse(match[1]);
    },
  });
  if (!sample || outcome.failure) throw new Error(`start ${i} reported no timing: ${outcome.failure ?? 'no TANDEM_BENCH line'}`);
  samples.push({ ...sample, totalMs: sample.bundleEvaluationMs + sample.activateMs });
  console.log(`start ${i}/${starts}: bundle evaluation ${sample.bundleEvaluationMs.toFixed(1)} ms + activate() ${sample.activateMs.toFixed(1)} ms; fresh require ${sample.requireMs.toFixed(1)} ms`);
}

const pick = (key) => samples.map((s) => s[key]);
const metrics = {
  activationMsMedian: median(pick('totalMs')),
  activationMsMax: Math.max(...pick('totalMs')),
  activateCallMsMedian: median(pick('activateMs')),
  bundleEvaluationMsMedian: median(pick('bundleEvaluationMs')),
  activationMsP90: percentile(pick('totalMs'), 90),
  requireBundleMsMedian: median(pick('requireMs')),
  vsixBytes,
};
const budgets = { activationMsMedian: 50, vsixBytes: 2 * 1024 * 1024 };
const result = writeResult('activation', metrics, budgets);
printTable('activation', metrics, budgets, result.pass);
process.exitCode = result.pass ? 0 : 1;
