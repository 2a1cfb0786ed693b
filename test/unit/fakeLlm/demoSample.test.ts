// The demo model on the sample project `npm start -- --demo` opens: its tests import the real
// modules and are really run (node --test, TypeScript through tsx), the first run fails once, and
// the fix it proposes makes them pass; its edits apply to the real functions; it explains the
// selected code by name; and it leaves no ghost text where nothing is scripted.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { runTests, type TestsIo } from '../../../src/cli/commands/tests';
import { applyEditPlan, parseEditResponse } from '../../../src/core/edits';
import { demoRules, FakeLlmServer } from '../../support/fakeLlm';
import { clientFor } from './support';

const SAMPLE = path.resolve(__dirname, '../../fixtures/workspaces/basic');
const TSX = pathToFileURL(require.resolve('tsx/esm')).href;

describe('the demo model on the sample project', function () {
  this.timeout(60_000);
  let server: FakeLlmServer;
  let dir: string;
  let err: string;
  const io = (): TestsIo => ({ cwd: dir, env: {}, stdout: () => {}, stderr: (text) => void (err += text) });
  const read = (file: string) => readFileSync(path.join(dir, file), 'utf8');
  const chat = async (content: string): Promise<string> =>
    (await clientFor(server).chat.completions.create({ model: 'fake-chat', messages: [{ role: 'user', content }] })).choices[0]?.message.content ?? '';
  const selection = (file: string, from: RegExp, lines: number) => {
    const text = readFileSync(path.join(SAMPLE, file), 'utf8').split('\n');
    const start = text.findIndex((line) => from.test(line));
    return `Context attached by the user:\n\n#### ${path.basename(file)}:${start + 1}-${start + lines}\n\`\`\`typescript\n${text.slice(start, start + lines).join('\n')}\n\`\`\``;
  };

  before(async () => { server = await FakeLlmServer.start({ rules: demoRules, tokensPerSecond: 0 }); });
  after(() => server.close());
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'tandem-demo-'));
    cpSync(SAMPLE, dir, { recursive: true });
    mkdirSync(path.join(dir, '.vscode'));
    writeFileSync(path.join(dir, '.vscode/settings.json'), JSON.stringify({
      'tandem.provider': 'demo',
      'tandem.providers': { demo: { kind: 'openai-compatible', baseUrl: server.baseUrl, models: { chat: 'fake-chat' } } },
      'tandem.retries.maxRetries': 0,
    }));
    err = '';
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  // The sample's own `node --test` needs Node >= 23.6 for TypeScript; tsx runs it on any Node here.
  const command = `"${process.execPath}" --import ${TSX} --test \${testFile}`;

  for (const [source, testFile, fix] of [
    ['src/ledger.ts', 'src/ledger.test.ts', /fix to the test/],
    ['src/money.ts', 'src/money.test.ts', /fix to the code/],
  ] as const) {
    it(`Generate Tests for ${source}: one test fails on the first run, the demo's fix makes them pass`, async () => {
      assert.equal(await runTests([source, '--yes', '--run', '--command', command], io()), 1, err);
      assert.match(read(testFile), source === 'src/ledger.ts' ? /from '\.\/ledger\.ts'/ : /from '\.\/money\.ts'/);
      assert.match(err, /: \d+ passed, 1 failed\n/, err);
      rmSync(path.join(dir, testFile));
      if (source === 'src/money.ts') cpSync(path.join(SAMPLE, testFile), path.join(dir, testFile));
      err = '';
      assert.equal(await runTests([source, '--yes', '--fix', '2', '--command', command], io()), 0, err);
      assert.match(err, fix);
      assert.match(err, /\d+ passed, 0 failed\ntandem: The tests pass after 1 fix round\.\n$/);
    });
  }

  it('proposes edits that apply to the real functions', async () => {
    const files = (p: string) => readFileSync(path.join(SAMPLE, p), 'utf8');
    for (const [question, expected] of [
      ['Make parseMoney accept thousands separators', /replaceAll\(',', ''\)/],
      ['Add a thousands separator option to formatMoney', /thousands = ''/],
      ['Add a method to the ledger that lists the entries of one category', /entriesIn\(category: string\): Entry\[\]/],
    ] as const) {
      const results = applyEditPlan(parseEditResponse(await chat(question)), files);
      assert.ok(results.length > 0, question);
      for (const result of results) {
        assert.equal(result.status, 'applied', `${question}: ${result.path} ${result.message ?? result.blocks.map((b) => b.reason).join('; ')}`);
      }
      assert.match(results.map((r) => r.newText).join('\n'), expected);
    }
  });

  it('explains the selected code by name', async () => {
    assert.match(await chat(`${selection('src/money.ts', /^export function parseMoney/, 7)}\n\nExplain this code`), /^`parseMoney` turns a decimal string/);
    assert.match(await chat(`${selection('src/money.ts', /^export function formatMoney/, 7)}\n\nwhat does this do?`), /^`formatMoney` is the inverse/);
    assert.match(await chat(`${selection('src/ledger.ts', /^ {2}balance\(/, 4)}\n\nExplain what the attached code does.`), /^`balance\(from\?, to\?\)`/);
    assert.match(await chat(`${selection('src/ledger.ts', /^export class Ledger/, 30)}\n\nexplain`), /^`Ledger` is an in-memory list/);
    assert.match(await chat('hello'), /knows this sample project/);
  });

  it('completes at the scripted spots only: no made-up ghost text elsewhere (e.g. right after accepting one)', async () => {
    const complete = async (prompt: string) => (await clientFor(server).completions.create({ model: 'fake-coder', prompt, suffix: '\n}\n' })).choices[0]?.text;
    const prefix = `${readFileSync(path.join(SAMPLE, 'src/money.ts'), 'utf8')}\nexport function addMoney(a: Cents, b: Cents): Cents {`;
    const completion = await complete(prefix);
    assert.equal(completion, '\n  return a + b;\n');
    assert.equal(await complete(`${prefix}${completion}`), '', 'after accepting, nothing more is suggested');
  });
});
