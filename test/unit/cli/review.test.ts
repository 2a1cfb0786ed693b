// `tandem review` end to end: a real temporary git repository, the fake model server, in-process
// through runReview and once through the real entry point (exit codes, SARIF file).
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { resolveSetup } from '../../../src/cli/cliSetup';
import { runReview } from '../../../src/cli/commands/review';
import { FakeLlmServer } from '../../support/fakeLlm';

const MAIN = path.resolve(__dirname, '../../../src/cli/main.ts');
const TSX = pathToFileURL(require.resolve('tsx')).href;
const FILES = path.resolve(__dirname, '../../fixtures/review/project/files');

const offByOne = `<finding>
file: src/money.ts
line: 15
severity: error
category: bug
message: The loop reads one past the end of amounts.
explanation: amounts[amounts.length] is undefined, so the total is NaN.
<fix>
<<<<<<< SEARCH
  for (let i = 0; i <= amounts.length; i++) total += amounts[i];
=======
  for (let i = 0; i < amounts.length; i++) total += amounts[i];
>>>>>>> REPLACE
</fix>
</finding>
<finding>
file: src/money.ts
line: 1
severity: warning
category: maintainability
message: Cents should be a branded type.
</finding>
<finding>
file: src/money.ts
line: 16
severity: warning
category: test-gap
message: average() of an empty list is untested.
</finding>`;

describe('tandem review', function () {
  this.timeout(30_000);
  let server: FakeLlmServer;
  let dir: string;
  let out: string;
  let err: string;
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=T', ...args], { cwd: dir, encoding: 'utf8' });
  const put = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  };
  const io = () => ({ cwd: dir, stdout: (t: string) => void (out += t), stderr: (t: string) => void (err += t) });
  const review = (...args: string[]) => runReview(args, io(), resolveSetup({ verbose: false }, {}, dir));
  const chatRequests = () => server.requests.filter((r) => r.path.endsWith('/chat/completions'));
  const prompt = () => JSON.stringify((chatRequests().at(-1)?.body as { messages: unknown }).messages);

  before(async () => { server = await FakeLlmServer.start(); });
  after(() => server.close());
  beforeEach(() => {
    server.reset();
    dir = mkdtempSync(path.join(os.tmpdir(), 'tandem-review-'));
    git('init', '-q', '-b', 'main');
    put('.vscode/settings.json', JSON.stringify({
      'tandem.provider': 'fake',
      'tandem.providers': { fake: { kind: 'openai-compatible', baseUrl: server.baseUrl, models: { chat: 'fake-chat' } } },
      'tandem.retries.maxRetries': 0,
    }));
    put('.gitignore', 'secret.txt\n');
    put('src/money.ts', readFileSync(path.join(FILES, 'src/money.ts'), 'utf8').replace(/\nexport function average[\s\S]*?\n}\n/, '').replace('parseFloat(text);\n  if (value < 0) throw new Error(\'negative\');', 'Number(text);'));
    git('add', '.');
    git('commit', '-qm', 'init');
    put('src/money.ts', readFileSync(path.join(FILES, 'src/money.ts'), 'utf8'));
    out = '';
    err = '';
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('--staged prints compiler-style lines for the findings on changed lines and exits 1 on an error', async () => {
    git('add', 'src/money.ts');
    server.addRule({ reply: { text: offByOne } });
    const before = git('status', '--porcelain=v2');
    assert.equal(await review('--staged'), 1, err);
    const lines = out.split('\n').filter((l) => /^\S/.test(l));
    assert.deepEqual(lines, [
      'src/money.ts:15: error: The loop reads one past the end of amounts. [bug]',
      'src/money.ts:16: warning: average() of an empty list is untested. [test-gap]',
    ]);
    assert.match(out, /^ {4}amounts\[amounts\.length\] is undefined/m);
    assert.match(out, /^ {6}\+ {2}for \(let i = 0; i < amounts\.length; i\+\+\)/m, 'the fix as a diff');
    assert.match(err, /1 error, 1 warning in 1 reviewed file/);
    assert.match(prompt(), /15 \+ {3}for \(let i = 0; i <= amounts.length/);
    assert.equal(git('status', '--porcelain=v2'), before, 'git state untouched');
    out = '';
    const fromSrc = { ...io(), cwd: path.join(dir, 'src') };
    assert.equal(await runReview(['--staged'], fromSrc, resolveSetup({ verbose: false }, {}, dir)), 1);
    assert.match(out, /^money\.ts:15: error: /m, 'paths relative to the folder it ran in');
  });

  it('--min-severity: warnings pass the default threshold; --min-severity warning fails on them', async () => {
    server.addRule({ reply: { text: offByOne.replace('severity: error', 'severity: warning') } });
    assert.equal(await review(), 0, err);
    assert.equal(await review('--min-severity', 'warning'), 1, err);
    assert.equal(await review('--min-severity', 'high'), 2);
    assert.match(err, /--min-severity high: expected error, warning or info/);
  });

  it('nothing to review is exit 0 with a one-line note, and no request', async () => {
    assert.equal(await review('--staged'), 0);
    assert.equal(err, 'tandem: nothing to review: the staged changes are empty.\n');
    assert.equal(chatRequests().length, 0);
  });

  it('--base REF reviews the branch since its merge-base; an unknown ref is bad usage', async () => {
    git('checkout', '-qb', 'feature');
    git('commit', '-qam', 'average');
    server.addRule({ reply: { text: '<no-findings/>' } });
    assert.equal(await review('--base', 'main', '--json'), 0, err);
    const report = JSON.parse(out) as { findings: unknown[]; reviewed: string[] };
    assert.deepEqual(report, { findings: [], reviewed: ['src/money.ts'], summarised: [], skipped: [], truncated: false });
    assert.equal(await review('--base', 'no-such-branch'), 2);
    assert.match(err, /--base no-such-branch: /);
  });

  it('ignored files are never sent; lock files are summarised', async () => {
    put('secret.txt', 'x');
    git('add', '-f', 'secret.txt');
    put('secret.txt', 'password=hunter2-very-secret\n');
    put('package-lock.json', '{"lockfileVersion": 3}\n');
    git('add', '-N', 'package-lock.json');
    server.addRule({ reply: { text: '<no-findings/>' } });
    assert.equal(await review('--json'), 0, err);
    assert.doesNotMatch(prompt(), /hunter2/);
    const report = JSON.parse(out) as { skipped: Array<{ path: string }>; summarised: Array<{ path: string }> };
    assert.deepEqual(report.skipped.map((s) => s.path), ['secret.txt']);
    assert.deepEqual(report.summarised.map((s) => s.path), ['package-lock.json']);
  });

  it('bad usage and a folder that is not a repository exit 2', async () => {
    assert.equal(await review('--staged', '--base', 'main'), 2);
    assert.equal(await review('--json', '--sarif', 'x.sarif'), 2);
    assert.equal(await review('stray'), 2);
    rmSync(path.join(dir, '.git'), { recursive: true, force: true });
    err = '';
    assert.equal(await review(), 2);
    assert.match(err, /is not inside a git repository/);
  });

  it('exits 1 with the reason when the model server fails', async () => {
    server.addRule({ fault: { kind: 'status', status: 500 } });
    assert.equal(await review(), 1);
    assert.match(err, /^tandem: /);
    assert.equal(out, '');
  });

  it('through the real entry point: --sarif writes a SARIF 2.1.0 log with the required fields', async () => {
    server.addRule({ reply: { text: offByOne } });
    mkdirSync(path.join(dir, 'out'));
    const child = spawn(process.execPath, ['--import', TSX, MAIN, 'review', '--sarif', 'out/review.sarif'], { cwd: dir, env: { ...process.env, TANDEM_API_KEY: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(code, 1, stderr);
    assert.match(stdout, /^src\/money\.ts:15: error: /m);
    const sarif = JSON.parse(readFileSync(path.join(dir, 'out/review.sarif'), 'utf8')) as SarifLog;
    assertSarif210(sarif);
    assert.equal((sarif.runs[0] as { originalUriBaseIds?: Record<string, { uri: string }> }).originalUriBaseIds?.['%SRCROOT%']?.uri, `${pathToFileURL(realpathSync(dir)).href}/`);
    const results = sarif.runs[0]!.results!;
    assert.deepEqual(results.map((r) => [r.ruleId, r.level, r.locations![0]!.physicalLocation!.artifactLocation!.uri, r.locations![0]!.physicalLocation!.region!.startLine]), [
      ['tandem/bug', 'error', 'src/money.ts', 15], ['tandem/test-gap', 'warning', 'src/money.ts', 16],
    ]);
    const fix = (results[0] as { fixes?: Array<{ description: { text: string }; artifactChanges: Array<{ artifactLocation: { uri: string }; replacements: Array<{ deletedRegion: { charOffset: number; charLength: number }; insertedContent: { text: string } }> }> }> }).fixes;
    assert.equal(fix?.length, 1, 'the bug has its fix');
    const change = fix![0]!.artifactChanges[0]!;
    assert.equal(change.artifactLocation.uri, 'src/money.ts');
    let text = readFileSync(path.join(dir, 'src/money.ts'), 'utf8');
    for (const r of [...change.replacements].reverse()) text = text.slice(0, r.deletedRegion.charOffset) + r.insertedContent.text + text.slice(r.deletedRegion.charOffset + r.deletedRegion.charLength);
    assert.equal(text, readFileSync(path.join(dir, 'src/money.ts'), 'utf8').replace('i <= amounts.length', 'i < amounts.length'), 'the SARIF fix applied gives the fixed file');
    assert.equal((results[1] as { fixes?: unknown }).fixes, undefined);
  });
});

interface SarifLog {
  version: string;
  $schema?: string;
  runs: Array<{ tool: { driver: { name: string; rules?: Array<{ id: string }> } }; results?: Array<{ ruleId?: string; ruleIndex?: number; level?: string; message: { text?: string }; locations?: Array<{ physicalLocation?: { artifactLocation?: { uri?: string }; region?: { startLine?: number; endLine?: number } } }> }> }>;
}

/** The 2.1.0 schema's required properties and enumerations for what Tandem writes. */
function assertSarif210(log: SarifLog): void {
  assert.equal(log.version, '2.1.0');
  assert.ok(Array.isArray(log.runs) && log.runs.length === 1, 'runs');
  for (const run of log.runs) {
    assert.equal(typeof run.tool.driver.name, 'string', 'runs[].tool.driver.name');
    const ruleIds = (run.tool.driver.rules ?? []).map((r) => r.id);
    for (const result of run.results ?? []) {
      assert.equal(typeof result.message.text, 'string', 'results[].message.text');
      assert.ok(['none', 'note', 'warning', 'error'].includes(result.level ?? 'warning'), 'level');
      if (result.ruleIndex !== undefined) assert.equal(ruleIds[result.ruleIndex], result.ruleId, 'ruleIndex points at ruleId');
      for (const location of result.locations ?? []) {
        const region = location.physicalLocation?.region;
        assert.ok(region && Number.isInteger(region.startLine) && region.startLine! >= 1, 'region.startLine >= 1');
        assert.ok(region.endLine === undefined || region.endLine >= region.startLine!, 'endLine >= startLine');
      }
    }
  }
}
