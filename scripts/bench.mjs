// `npm run bench -- <name>`: runs bench/<name>/run.mjs (see bench/README.md).
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const benchDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'bench');
const available = readdirSync(benchDir, { withFileTypes: true }).filter((d) => d.isDirectory() && existsSync(path.join(benchDir, d.name, 'run.mjs'))).map((d) => d.name);
const name = process.argv[2];
if (!name || !available.includes(name)) {
  console.error(`Usage: npm run bench -- <name>\nBenchmarks: ${available.join(', ')}`);
  process.exit(2);
}
await import(pathToFileURL(path.join(benchDir, name, 'run.mjs')).href);
