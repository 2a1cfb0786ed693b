// `tandem context` in-process (runContext) for its contract, through the real entry point
// (src/cli/main.ts) for exit codes, and bundled as it ships (dist/grammars beside the bundle).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { runContext } from '../../../src/cli/commands/context';
import { makeWorkspace, positionOf, shopFiles } from '../knowledge/workspace';

const MAIN = path.resolve(__dirname, '../../../src/cli/main.ts');
const TSX = pathToFileURL(require.resolve('tsx')).href;
const GRAMMARS = path.dirname(require.resolve('@vscode/tree-sitter-wasm/wasm/tree-sitter.js'));

interface Item { path: string; startLine: number; endLine: number; kind: string; symbol?: string; tokens: number; score: number; why: string }
interface Answer { items: Item[]; tokens: number; windowTokens: number; queryMs: number }

describe('tandem context', function () {
  this.timeout(60_000);
  let workspace: ReturnType<typeof makeWorkspace>;
  let cache: string;
  let out: string;
  let err: string;
  const io = (stdin = '') => ({
    cwd: workspace.root, env: { TANDEM_CACHE_DIR: cache },
    stdout: (t: string) => void (out += t), stderr: (t: string) => void (err += t), readStdin: async () => stdin,
  });
  const service = shopFiles['src/users/userService.ts']!;
  const at = positionOf(service, 'findById(id)');

  before(() => {
    workspace = makeWorkspace();
    cache = mkdtempSync(path.join(os.tmpdir(), 'tandem-context-cache-'));
  });
  after(() => {
    workspace.dispose();
    rmSync(cache, { recursive: true, force: true });
  });
  beforeEach(() => {
    out = '';
    err = '';
  });

  it('--json prints the pinned shape: 1-based inclusive lines, kinds, tokens, scores and reasons, the window first', async () => {
    assert.equal(await runContext(['src/users/userService.ts', '--line', String(at.line), '--col', String(at.col), '--json'], io()), 0, err);
    const answer = JSON.parse(out) as Answer;
    assert.deepEqual(Object.keys(answer), ['items', 'tokens', 'windowTokens', 'queryMs']);
    const [window, first] = answer.items;
    assert.deepEqual(window, { path: 'src/users/userService.ts', startLine: 1, endLine: 13, kind: 'window', tokens: window!.tokens, score: 1, why: 'the code around the cursor' });
    assert.equal(answer.windowTokens, window!.tokens);
    assert.deepEqual({ ...first, score: 0, tokens: 0 }, { path: 'src/users/userRepository.ts', startLine: 8, endLine: 9, kind: 'definition', symbol: 'UserRepository.findById', tokens: 0, score: 0, why: 'member of `users` (UserRepository)' });
    assert.equal(first!.score, 1);
    assert.equal(answer.tokens, answer.items.slice(1).reduce((s, i) => s + i.tokens, 0));
    assert.ok(answer.tokens <= 1500 && typeof answer.queryMs === 'number');
    assert.match(err, /index ready: 8 files/, 'progress on stderr');
  });

  it('--budget bounds the items other than the window; text output shows each item with its lines and reason', async () => {
    assert.equal(await runContext(['src/users/userService.ts', '--line', String(at.line), '--col', String(at.col), '--budget', '20', '--json'], io()), 0, err);
    const small = JSON.parse(out) as Answer;
    assert.ok(small.tokens <= 20);
    out = '';
    assert.equal(await runContext(['src/users/userService.ts', '--line', String(at.line), '--col', String(at.col)], io()), 0, err);
    assert.match(out, /── src\/users\/userRepository\.ts:8-9 definition UserRepository\.findById · \d+ tokens · score 1 · member of `users` \(UserRepository\)\n {2}\/\*\* The user with this id, or undefined\. \*\/\n {2}findById\(id: string\): User \| undefined \{\n/);
  });

  it('--batch answers one object per line from one loaded index, and says which line was wrong', async () => {
    const batch = [
      JSON.stringify({ file: 'src/users/userService.ts', line: at.line, col: at.col }),
      JSON.stringify({ file: 'src/users/userService.ts', line: 1, col: 1, budget: 0, question: 'exponential backoff' }),
      '{"file": "src/users/userService.ts", "line": 0, "col": 1}',
      JSON.stringify({ file: 'src/users/userService.ts', line: 99, col: 1 }),
    ].join('\n');
    writeFileSync(path.join(workspace.root, 'queries.jsonl'), batch);
    assert.equal(await runContext(['--batch', 'queries.jsonl'], io()), 1);
    const lines = out.trim().split('\n').map((l) => JSON.parse(l) as Answer & { error?: string });
    assert.equal(lines.length, 4);
    assert.equal(lines[0]!.items[1]?.symbol, 'UserRepository.findById');
    assert.equal(lines[1]!.tokens, 0);
    assert.match(lines[2]!.error!, /batch line 3 needs "line" and "col", 1-based/);
    assert.match(lines[3]!.error!, /line 99 is past the end of src\/users\/userService\.ts \(13 lines\)/);
  });

  it('refuses ignored and sensitive files, paths outside the root, and positions past the end, with a clear message', async () => {
    assert.equal(await runContext(['config/.env.local.ts', '--line', '1', '--col', '1'], io()), 2);
    assert.match(err, /sensitive file .* Nothing is sent for it\./);
    err = '';
    assert.equal(await runContext(['../x.ts', '--line', '1', '--col', '1'], io()), 2);
    assert.match(err, /outside the workspace root/);
    err = '';
    assert.equal(await runContext(['src/users/userService.ts', '--line', '1', '--col', '200'], io()), 2);
    assert.match(err, /column 200 is past the end of line 1 of src\/users\/userService\.ts \(48 characters\)/);
    assert.doesNotMatch(err, /index/, 'said before any index is loaded or built');
    err = '';
    assert.equal(await runContext(['src/users/userService.ts', '--line', 'x', '--col', '1'], io()), 2);
    assert.match(err, /--line and --col are required, 1-based whole numbers/);
  });

  it('runs from the command line: --cwd, the exit code, and the index reused from the cache on the second run', () => {
    const run = () => spawnSync(process.execPath, ['--import', TSX, MAIN, 'context', 'src/users/userService.ts', '--line', String(at.line), '--col', String(at.col), '--json', '--cwd', workspace.root], { cwd: os.tmpdir(), encoding: 'utf8', env: { ...process.env, TANDEM_CACHE_DIR: cache } });
    const first = run();
    assert.equal(first.status, 0, first.stderr);
    const second = run();
    assert.equal(second.status, 0, second.stderr);
    assert.doesNotMatch(second.stderr, /saving the index/, 'nothing changed: nothing parsed or saved again');
    assert.deepEqual((JSON.parse(second.stdout) as Answer).items.map((i) => i.symbol), (JSON.parse(first.stdout) as Answer).items.map((i) => i.symbol));
  });

  it('works bundled, loading the grammars from dist/grammars beside the bundle', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tandem-context-bundle-'));
    try {
      const bundle = path.join(dir, 'cli.js');
      await build({ entryPoints: [MAIN], outfile: bundle, bundle: true, platform: 'node', target: 'node18', format: 'cjs', logLevel: 'silent' });
      mkdirSync(path.join(dir, 'grammars'));
      for (const file of readdirSync(GRAMMARS)) if (/^tree-sitter(-typescript)?\.(js|wasm)$/.test(file)) cpSync(path.join(GRAMMARS, file), path.join(dir, 'grammars', file));
      const result = spawnSync(process.execPath, [bundle, 'context', 'src/users/userService.ts', '--line', String(at.line), '--col', String(at.col), '--json'], { cwd: workspace.root, encoding: 'utf8', env: { ...process.env, TANDEM_CACHE_DIR: path.join(dir, 'cache') } });
      assert.equal(result.status, 0, result.stderr);
      assert.equal((JSON.parse(result.stdout) as Answer).items[1]?.symbol, 'UserRepository.findById');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
