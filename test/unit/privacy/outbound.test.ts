// Nothing secret leaves: a generated workspace (fresh random secrets of 60 kinds in 21 realistic
// files) goes through every path that sends file content to a model — `tandem edit` (whole file,
// --range, a range inside a key block), `tandem tests`, `tandem complete`, and the prompt builders
// of the chat, commit messages and inline completions — against the recording fake server; then
// every recorded request body is searched for every secret value. The self-test sends the same
// corpus unredacted and requires the search to find every value, so this test can fail.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { runEdit } from '../../../src/cli/commands/edit';
import { runTests } from '../../../src/cli/commands/tests';
import { CompletionEngine } from '../../../src/core/completion';
import type { RelatedFile } from '../../../src/core/context';
import { assembleChatPrompt } from '../../../src/core/prompts/chat';
import { buildCommitMessagePrompt } from '../../../src/core/prompts/commitMessage';
import { FakeLlmServer } from '../../support/fakeLlm';
import { testClient } from '../../support/llmTestKit';
import { leakedValues, secretCorpus, type SecretCorpus } from '../../support/secretCorpus';
import { random } from '../../support/secretCorpus/random';
import { ManualClock } from '../completion/manualClock';
import { MemoryDocument, requestAt } from '../completion/memoryDocument';

const MAIN = path.resolve(__dirname, '../../../src/cli/main.ts');
const TSX = pathToFileURL(require.resolve('tsx')).href;

describe('privacy: no secret of a generated corpus leaves through any command', function () {
  this.timeout(120_000);
  let server: FakeLlmServer;
  let dir: string;
  let corpus: SecretCorpus;
  let stderr: string;
  /** A value in a .gitignore'd module that `app.ts` imports: it must never be read into a prompt. */
  const ignoredMarker = `IGNORED_${random('base62', 24)}`;

  const io = () => ({ cwd: dir, env: {}, stdout: () => {}, stderr: (text: string) => void (stderr += text) });
  const put = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  };
  const bodies = () => server.requests.map((r) => (typeof r.body === 'string' ? r.body : JSON.stringify(r.body)));
  const lineOf = (file: string, needle: string) => corpus.files.find((f) => f.path === file)!.text.split('\n').findIndex((l) => l.includes(needle)) + 1;

  before(async () => {
    server = await FakeLlmServer.start();
    server.addRule({ reply: { text: 'Done.\n\n```\nconst unchanged = true;\n```' } });
    corpus = secretCorpus();
    dir = mkdtempSync(path.join(os.tmpdir(), 'tandem-privacy-'));
    for (const file of corpus.files) put(file.path, file.text);
    put('package.json', JSON.stringify({ name: 'shop', type: 'module', scripts: { test: 'node --test' } }));
    put('test/total.test.js', "import { test } from 'node:test';\ntest('adds', () => {});\n");
    put('.gitignore', 'src/crypto/\n');
    put('src/crypto/signing.ts', `export function signPayload(body: string, key: string): string {\n  return body + key + '${ignoredMarker}';\n}\n`);
    put('.vscode/settings.json', JSON.stringify({
      'tandem.provider': 'fake',
      'tandem.providers': { fake: { kind: 'openai-compatible', baseUrl: server.baseUrl, models: { chat: 'fake-chat', edit: 'fake-coder' } } },
      'tandem.retries.maxRetries': 0,
    }));
    stderr = '';
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the corpus is large enough to mean something: 20+ files, 40+ kinds of secret', () => {
    assert.ok(corpus.files.length >= 20, `${corpus.files.length} files`);
    assert.ok(corpus.kinds >= 40, `${corpus.kinds} kinds`);
  });

  it('self-test: the same corpus sent unredacted is found whole by the scan', async () => {
    const recorder = await FakeLlmServer.start();
    try {
      const { client } = testClient(recorder.baseUrl, { maxRetries: 0 });
      for (const file of corpus.files) {
        for await (const event of client.streamChat({ messages: [{ role: 'user', content: file.text }] })) void event;
      }
      const sent = recorder.requests.map((r) => JSON.stringify(r.body));
      assert.deepEqual(leakedValues(corpus.values, sent).length, corpus.values.length, 'the scan must see every value when nothing is redacted');
    } finally {
      await recorder.close();
    }
  });

  it('tandem edit, on every file of the corpus: sensitive files refused, the others sent redacted', async () => {
    for (const file of corpus.files) {
      const code = await runEdit([file.path, 'tidy this up'], io());
      if (file.path.startsWith('keys/')) assert.equal(code, 2, `${file.path} is a GCP service-account key under its download name: refused`);
    }
    assert.match(stderr, /keys\/my-project-[0-9a-f]{12}\.json is a sensitive file/);
    assert.match(stderr, /tandem: \d+ secrets? redacted in src\/config\.ts before sending\./);
  });

  it('tandem edit --range: a range inside a private key block, and one line of each config file', async () => {
    const body = lineOf('src/config.ts', 'RSA PRIVATE KEY') + 3;
    assert.ok(body > 3);
    await runEdit(['src/config.ts', 'reformat', '--range', `${body}-${body + 1}`], io());
    for (const file of corpus.files.filter((f) => !f.path.startsWith('keys/'))) {
      const lines = file.text.split('\n').length - 1;
      const middle = Math.max(1, Math.floor(lines / 2));
      await runEdit([file.path, 'reformat', '--range', `${middle}-${middle}`], io());
    }
  });

  it('tandem tests: the imported modules go through the gate (a .gitignore\'d one is never read); an ignored file is refused', async () => {
    const before = server.requests.length;
    await runTests(['src/app.ts'], io());
    assert.ok(server.requests.length > before, stderr);
    assert.equal(await runTests(['src/crypto/signing.ts'], io()), 2);
    assert.match(stderr, /src\/crypto\/signing\.ts is matched by \.gitignore or tandem\.ignore/);
  });

  it('tandem complete: --prefix and --suffix split inside a key block', async () => {
    const text = corpus.files.find((f) => f.path === 'src/config.ts')!.text;
    const cut = text.indexOf(corpus.files[0]!.secrets.find((s) => s.kind === 'RSA private key')!.extra![5]!);
    const child = spawn(process.execPath, ['--import', TSX, MAIN, 'complete', '--prefix', text.slice(0, cut + 10), '--suffix', text.slice(cut + 10)], {
      cwd: dir, env: { ...process.env, TANDEM_API_KEY: '' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => void (err += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(code, 0, err);
    assert.match(err, /tandem: \d+ secrets redacted in --prefix\/--suffix before sending\./);
  });

  it('the chat, commit message and inline completion prompts, built from the corpus and sent', async () => {
    const { client } = testClient(server.baseUrl, { maxRetries: 0 });
    const chat = assembleChatPrompt({
      question: 'Review these files', history: [], contextWindow: 200_000, model: 'fake-chat',
      context: corpus.files.map((f) => ({ label: f.path, path: f.path, text: f.text })),
      rules: [{ path: 'AGENTS.md', text: corpus.files.find((f) => f.path === 'README.md')!.text }],
    });
    assert.ok(chat.notes.some((n) => /secrets? in src\/config\.ts (was|were) redacted before sending/.test(n)), chat.notes.join('\n'));
    for await (const event of client.streamChat({ messages: chat.messages })) void event;

    const diff = corpus.files.map((f) => `diff --git a/${f.path} b/${f.path}\nnew file mode 100644\n--- /dev/null\n+++ b/${f.path}\n@@ -0,0 +1 @@\n${f.text.split('\n').map((l) => `+${l}`).join('\n')}`).join('\n');
    for (const budget of [6_000, 400]) { // a small budget cuts diffs inside key blocks
      const commit = buildCommitMessagePrompt({ diff, diffBudgetTokens: budget });
      for await (const event of client.streamChat({ messages: commit.messages })) void event;
    }

    const related: RelatedFile[] = corpus.files.map((f) => ({ path: f.path, languageId: 'plaintext', text: f.text, relation: 'open' }));
    for (const file of corpus.files) {
      const clock = new ManualClock();
      const engine = new CompletionEngine({ client, clock, related: { relatedFiles: () => related } });
      const lines = file.text.split('\n');
      const inside = lines.findIndex((l) => /^[ \t]*[A-Za-z0-9+/=]{40,}$/.test(l)); // inside a key block when the file has one
      const line = inside >= 0 ? inside : Math.floor(lines.length / 2);
      const document = new MemoryDocument(file.text, 'plaintext', `file:///work/${file.path}`, file.path);
      const pending = engine.complete(requestAt(document, { line, character: Math.floor((lines[line] ?? '').length / 2) }));
      await clock.advance(500);
      await pending;
    }
  });

  it('no request carried any secret value, nor the .gitignore\'d module', () => {
    const sent = bodies();
    assert.ok(sent.length > 60, `${sent.length} requests recorded`);
    const leaks = leakedValues(corpus.values, sent);
    const kinds = leaks.map((v) => corpus.files.flatMap((f) => f.secrets).find((s) => s.value === v || s.extra?.includes(v))?.kind);
    assert.deepEqual(kinds, [], `leaked: ${kinds.join(', ')}`);
    assert.ok(!sent.some((b) => b.includes(ignoredMarker)), 'a .gitignore\'d module was read into a prompt');
  });
});
