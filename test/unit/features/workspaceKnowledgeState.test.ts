import assert from 'node:assert/strict';
import { combinedState, serialQueue, statusView, type IndexState } from '../../../src/features/knowledge/indexState';

const ready = (files: number, fromStore = false): IndexState => ({ kind: 'ready', files, parsed: files, fromStore, ms: 100, overLimit: 0 });

describe('codebase index of a multi-root workspace: one status over every folder', () => {
  it('shows the files of all the folders once every folder is ready', () => {
    const state = combinedState([ready(12), ready(30, true)]);
    assert.deepEqual(state, { kind: 'ready', files: 42, parsed: 42, fromStore: false, ms: 200, overLimit: 0 });
    assert.equal(statusView(state).text, '$(database) 42 files');
  });

  it('shows progress while any folder builds, adding up the folders being parsed', () => {
    assert.equal(statusView(combinedState([ready(12), { kind: 'indexing', phase: 'loading', done: 0, total: 0 }])).text, '$(sync~spin) Indexing…');
    const parsing = combinedState([{ kind: 'indexing', phase: 'parsing', done: 5, total: 10 }, { kind: 'indexing', phase: 'parsing', done: 1, total: 3_000 }, ready(7)]);
    assert.deepEqual(parsing, { kind: 'indexing', phase: 'parsing', done: 6, total: 3_010 });
    assert.equal(statusView(parsing).text, '$(sync~spin) Indexing 3,010 files…');
  });

  it('shows a folder\'s failure (click to retry) once none builds, and leaves out the folders whose index is off', () => {
    assert.deepEqual(combinedState([ready(3), { kind: 'failed', message: 'disk gone' }]), { kind: 'failed', message: 'disk gone' });
    assert.deepEqual(combinedState([{ kind: 'off', reason: 'x' }, ready(3)]), ready(3));
    assert.deepEqual(combinedState([ready(3), { kind: 'waiting' }]), { kind: 'waiting' });
  });

  it('is off, with the reason, when every folder is off or there is no folder on disk', () => {
    assert.deepEqual(combinedState([{ kind: 'off', reason: 'The codebase index is off (tandem.knowledge.enabled).' }, { kind: 'off', reason: 'The codebase index is off (tandem.knowledge.enabled).' }]), { kind: 'off', reason: 'The codebase index is off (tandem.knowledge.enabled).' });
    const none = combinedState([]);
    assert.equal(none.kind, 'off');
    assert.match(none.kind === 'off' ? none.reason : '', /needs a workspace folder on disk/);
    assert.equal(statusView(none).visible, false);
  });
});

describe('codebase index of a multi-root workspace: folders build one after another', () => {
  it('never runs two builds at once, in the order asked, and goes on after one fails', async () => {
    const exclusive = serialQueue();
    const log: string[] = [];
    let running = 0;
    const build = (name: string, fail = false) => exclusive(async () => {
      running++;
      assert.equal(running, 1, 'one build at a time');
      log.push(`start ${name}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      log.push(`end ${name}`);
      running--;
      if (fail) throw new Error(`${name} failed`);
      return name;
    });
    const results = await Promise.allSettled([build('a'), build('b', true), build('c')]);
    assert.deepEqual(results.map((r) => (r.status === 'fulfilled' ? r.value : String(r.reason))), ['a', 'Error: b failed', 'c']);
    assert.deepEqual(log, ['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });
});
