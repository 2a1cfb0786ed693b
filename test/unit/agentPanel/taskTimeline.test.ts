import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { outputHeadChars, outputTailChars, TaskTimeline } from '../../../src/features/agent/taskTimeline';

describe('agent panel: the task timeline kept beside the task', () => {
  const dir = () => mkdtempSync(path.join(os.tmpdir(), 'tandem-timeline-'));

  it('joins a call\'s output into one event and keeps its start and its end, counting the middle', () => {
    const timeline = new TaskTimeline(dir());
    timeline.add({ type: 'toolCall', step: 1, id: 'c1', name: 'run_command', arguments: { command: 'npm test' } });
    const first = 'S'.repeat(outputHeadChars);
    timeline.add({ type: 'output', step: 1, id: 'c1', text: first });
    const middle = 'M'.repeat(outputTailChars);
    timeline.add({ type: 'output', step: 1, id: 'c1', text: middle });
    const sent = timeline.add({ type: 'output', step: 1, id: 'c1', text: 'E'.repeat(1_000) });
    const outputs = timeline.events.filter((e) => e.type === 'output');
    assert.equal(outputs.length, 1);
    const kept = outputs[0];
    assert.ok(kept?.type === 'output');
    assert.equal(kept.text.length, outputHeadChars + outputTailChars);
    assert.ok(kept.text.startsWith('S'.repeat(outputHeadChars)));
    assert.ok(kept.text.endsWith('E'.repeat(1_000)));
    assert.equal(kept.omitted, 1_000);
    assert.ok(sent.type === 'output' && sent.text === 'E'.repeat(1_000) && sent.omitted === 1_000, 'the page is told what was dropped');
  });

  it('survives a reload: saved events and restores come back; unreadable entries are skipped', async () => {
    const folder = dir();
    const timeline = new TaskTimeline(folder);
    timeline.add({ type: 'user', text: 'fix the <b>bug</b>' });
    timeline.add({ type: 'step', step: 1 });
    timeline.addRestore({ step: 1, kind: 'restore', restored: ['a.ts'], removed: [], conflicts: [], safetySnapshot: 's1' });
    await timeline.flush();
    const saved = JSON.parse(readFileSync(path.join(folder, 'panel-timeline.json'), 'utf8')) as { events: unknown[] };
    saved.events.push({ type: 'step', step: -4 }, { type: 'nonsense' });
    writeFileSync(path.join(folder, 'panel-timeline.json'), JSON.stringify(saved));
    const loaded = await TaskTimeline.load(folder);
    assert.deepEqual(loaded.events, [{ type: 'user', text: 'fix the <b>bug</b>' }, { type: 'step', step: 1 }]);
    assert.equal(loaded.restores[0]?.safetySnapshot, 's1');
  });

  it('a missing or corrupt file gives an empty timeline, not an error', async () => {
    const folder = dir();
    assert.deepEqual((await TaskTimeline.load(folder)).events, []);
    writeFileSync(path.join(folder, 'panel-timeline.json'), '{"events": [');
    assert.deepEqual((await TaskTimeline.load(folder)).events, []);
  });
});
