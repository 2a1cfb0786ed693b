// `npm run bench -- <name> [--record]`: runs bench/<name>/run.mjs (see bench/README.md). Every run
// writes bench/runs/<name>.json (git-ignored); --record also makes it the recorded baseline,
// bench/results/<name>.json (tracked), so only a deliberate run changes the checkout.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const benchDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'bench');
const available = readdirSync(benchDir, { withFileTypes: true }).filter((d) => d.isDirectory() && existsSync(path.join(benchDir, d.name, 'run.mjs'))).map((d) => d.name);
const args = process.argv.slice(2);
const record = args.includes('--record');
const [name, ...unknown] = args.filter((arg) => arg !== '--record');
if (!name || !available.includes(name) || unknown.length > 0) {
  console.error(`Usage: npm run bench -- <name> [--record]\nBenchmarks: ${available.join(', ')}\n--record  also write the result as the recorded baseline (bench/results/<name>.json)`);
  process.exit(2);
}
if (record) process.env.TANDEM_BENCH_RECORD = '1';
await import(pathToFileURL(path.join(benchDir, name, 'run.mjs')).href);
