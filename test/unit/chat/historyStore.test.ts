import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { newConversation, newTurn, type Conversation } from '../../../src/core/chat/conversation';
import { HistoryStore } from '../../../src/core/chat/historyStore';
import { recordingLogger } from '../../support/llmTestKit';

function conversation(title: string, texts: string[], updatedAt: number): Conversation {
  const c = newConversation(updatedAt);
  c.title = title;
  c.turns = texts.map((text, i) => newTurn(i % 2 === 0 ? 'user' : 'assistant', text, i % 2 ? { status: 'done' } : {}));
  return c;
}

describe('chat history store (per workspace, atomic, survives corruption)', () => {
  let dir: string;
  let problems: string[];
  const open = () => new HistoryStore(dir, { logger: recordingLogger(), onProblem: (m) => problems.push(m) });

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'tandem-history-'));
    problems = [];
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('saves conversations and reads them back in a fresh store (a reload), newest first, current remembered', async () => {
    const older = conversation('Older', ['a', 'b'], 1_000);
    const newer = conversation('Newer', ['c', 'd', 'e', 'f'], 2_000);
    const first = open();
    await first.save(older);
    await first.save(newer);

    const reloaded = open();
    assert.deepEqual((await reloaded.list()).map((s) => [s.title, s.turnCount]), [['Newer', 4], ['Older', 2]]);
    assert.equal(await reloaded.currentId(), newer.id);
    assert.deepEqual(await reloaded.load(older.id), older);
    assert.deepEqual(problems, []);
  });

  it('writes through a temp file and rename, leaving no temp files behind', async () => {
    const store = open();
    const c = conversation('One', ['x'], 1);
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.save({ ...c, title: `One ${i}`, turns: [...c.turns, newTurn('assistant', `v${i}`)] })));
    const files = [...await readdir(dir), ...(await readdir(path.join(dir, 'conversations'))).map((f) => `conversations/${f}`)];
    assert.deepEqual(files.sort(), ['conversations', `conversations/${c.id}.json`, 'index.json'].sort());
    assert.equal((await open().load(c.id))?.title, 'One 19', 'writes ran in order; the last one won');
  });

  it('does not keep empty conversations but remembers which one is open', async () => {
    const store = open();
    const empty = newConversation();
    await store.save(empty);
    assert.deepEqual(await store.list(), []);
    assert.equal(await open().currentId(), empty.id);
  });

  it('deletes a conversation and its file', async () => {
    const store = open();
    const c = conversation('Gone', ['x'], 1);
    await store.save(c);
    await store.delete(c.id);
    assert.deepEqual(await store.list(), []);
    assert.equal(await store.load(c.id), undefined);
    assert.equal(await open().currentId(), undefined);
  });

  it('sets a corrupted conversation aside, reports it, and keeps the others', async () => {
    const good = conversation('Good', ['fine'], 1);
    const bad = conversation('Bad', ['broken'], 2);
    await open().save(good);
    await open().save(bad);
    await writeFile(path.join(dir, 'conversations', `${bad.id}.json`), '{"version":1,"id":"trunc');

    const store = open();
    assert.equal(await store.load(bad.id), undefined);
    assert.equal(problems.length, 1);
    assert.match(problems[0] ?? '', new RegExp(`^A saved conversation could not be read \\(not valid JSON: .+\\)\\. It was set aside as ${bad.id}\\.json\\.corrupt-\\d{8}T\\d{6}; the other conversations are unaffected\\.$`));
    const files = await readdir(path.join(dir, 'conversations'));
    assert.ok(files.some((f) => f.startsWith(`${bad.id}.json.corrupt-`)), files.join(', '));
    assert.deepEqual((await store.list()).map((s) => s.title), ['Good']);
    assert.equal((await store.load(good.id))?.title, 'Good');
  });

  it('rebuilds a corrupted index from the conversation files, reporting it', async () => {
    const a = conversation('Alpha', ['1'], 1);
    const b = conversation('Beta', ['2'], 2);
    await open().save(a);
    await open().save(b);
    await writeFile(path.join(dir, 'index.json'), '\u0000\u0000 garbage');

    const store = open();
    assert.deepEqual((await store.list()).map((s) => s.title), ['Beta', 'Alpha']);
    assert.equal(problems.length, 1);
    assert.match(problems[0] ?? '', /^The chat history index could not be read \(not valid JSON: .+\)\. It was set aside as index\.json\.corrupt-\d{8}T\d{6} and rebuilt from 2 saved conversation\(s\)\.$/);
    assert.ok(JSON.parse(await readFile(path.join(dir, 'index.json'), 'utf8')).conversations.length === 2, 'the rebuilt index is written');
  });

  it('treats content that is valid JSON but not a conversation as corrupted too', async () => {
    const c = conversation('Shape', ['x'], 1);
    await open().save(c);
    await writeFile(path.join(dir, 'conversations', `${c.id}.json`), JSON.stringify({ version: 1, id: c.id, turns: 'nope' }));
    assert.equal(await open().load(c.id), undefined);
    assert.match(problems[0] ?? '', /unexpected content at title/);
  });
});
