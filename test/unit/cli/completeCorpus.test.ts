// The harm corpus (test/fixtures/completion/harm) end to end: each case's prefix and suffix given
// to the real `tandem complete` (src/cli/main.ts bundled as dist/cli.js is), the fake model server
// scripted to stream the case's raw model output, and the printed ghost text compared with the
// expected one. What a script sees is what the editor would show.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { FakeLlmServer } from '../../support/fakeLlm';
import { harmCorpusDir, loadGoldenCases } from '../completion/goldenCases';

const MAIN = path.resolve(__dirname, '../../../src/cli/main.ts');

interface CompleteReport {
  text: string | null;
  range: { start: { character: number }; end: { character: number } } | null;
  strategy: string;
  steps: string[];
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function tandem(bundle: string, args: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { NODE_OPTIONS: '' };
  for (const [key, value] of Object.entries(process.env)) if (!/^(TANDEM_|OPENAI_|NODE_OPTIONS)/.test(key)) env[key] = value;
  const child = spawn(process.execPath, [bundle, ...args], { cwd, env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe('tandem complete on the harm corpus, end to end against the fake server', function () {
  this.timeout(600_000);
  const cases = loadGoldenCases(harmCorpusDir);
  let server: FakeLlmServer;
  let dir: string;
  let bundle: string;
  const projects = { suffix: '', chat: '' };

  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'tandem-corpus-'));
    bundle = path.join(dir, 'cli.js');
    await build({ entryPoints: [MAIN], outfile: bundle, bundle: true, platform: 'node', target: 'node18', format: 'cjs', logLevel: 'silent' });
    server = await FakeLlmServer.start({ models: ['fake-coder'] });
    for (const fimMode of ['suffix', 'chat'] as const) {
      const project = path.join(dir, fimMode);
      mkdirSync(path.join(project, '.vscode'), { recursive: true });
      writeFileSync(path.join(project, '.vscode/settings.json'), JSON.stringify({
        'tandem.provider': 'fake',
        'tandem.providers': { fake: { kind: 'openai-compatible', baseUrl: server.baseUrl, fimMode, models: { chat: 'fake-coder', completion: 'fake-coder' } } },
        'tandem.retries.maxRetries': 0,
      }));
      projects[fimMode] = project;
    }
  });
  after(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows exactly the expected ghost text (or nothing) for every case', async () => {
    assert.ok(cases.length >= 100, `only ${cases.length} cases`);
    const failures: string[] = [];
    // Each case's rule answers only its own request (its prompt ends with the case's prefix, its
    // suffix is the case's suffix), so a few CLI processes can run at once.
    const runCase = async (golden: (typeof cases)[number]) => {
      const at = golden.document.indexOf('█');
      const prefix = golden.document.slice(0, at);
      const suffix = golden.document.slice(at + 1);
      server.addRule(golden.chat
        ? { match: { endpoint: 'chat', lastUser: prefix }, reply: { text: golden.model } }
        : { match: { endpoint: 'completions', prompt: new RegExp(`${escapeRegExp(prefix)}$`), ...(suffix === '' ? {} : { suffix: new RegExp(`^${escapeRegExp(suffix)}$`) }) }, reply: { text: golden.model } });
      const args = ['complete', '--prefix', prefix, '--suffix', suffix, '--language', golden.languageId, '--json'];
      const result = await tandem(bundle, args, golden.chat ? projects.chat : projects.suffix);
      if (result.code !== 0) {
        failures.push(`${golden.file}: ${golden.name}: exit ${result.code}: ${result.stderr}`);
        return;
      }
      const report = JSON.parse(result.stdout) as CompleteReport;
      const replaced = report.range ? report.range.end.character - report.range.start.character : 0;
      const expected = golden.expected ?? null;
      if (report.strategy !== (golden.chat ? 'chat' : 'suffix')) failures.push(`${golden.file}: ${golden.name}: strategy ${report.strategy}`);
      if (report.text !== expected || (expected !== null && replaced !== golden.replaces)) {
        failures.push(`${golden.file}: ${golden.name}\n  expected ${JSON.stringify(expected)} (replaces ${golden.replaces})\n  printed  ${JSON.stringify(report.text)} (replaces ${replaced}); steps: ${report.steps.join(', ')}`);
      }
      if (report.steps.includes('other')) failures.push(`${golden.file}: ${golden.name}: the steps do not explain the text: ${report.steps.join(', ')}`);
    };
    const queue = [...cases];
    await Promise.all(Array.from({ length: 3 }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) await runCase(next);
    }));
    assert.deepEqual(failures, [], `${failures.length} of ${cases.length} cases differ:\n${failures.join('\n')}`);
  });
});
