import { promises as fs } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../../core/fs/atomicWrite';
import { agentEventSchema, agentRestoreResultSchema, type AgentPanelEvent, type AgentRestoreResult } from '../../core/protocol';

/** Output kept per tool call: the start and the end (a test run's summary is at the end). */
export const outputHeadChars = 8_000;
export const outputTailChars = 56_000;
const fileName = 'panel-timeline.json';

/**
 * What the panel shows of a task, kept beside the engine's record in the task's folder so the
 * timeline survives a window reload. Command output is capped per call (head and tail kept, the
 * middle counted); the engine's transcript, not this, is what the model sees.
 */
export class TaskTimeline {
  readonly events: AgentPanelEvent[] = [];
  readonly restores: AgentRestoreResult[] = [];
  private readonly outputs = new Map<string, { head: string; tail: string; omitted: number; index: number }>();
  private saving: Promise<void> = Promise.resolve();
  private saveQueued = false;

  constructor(private readonly taskDir: string) {}

  static async load(taskDir: string): Promise<TaskTimeline> {
    const timeline = new TaskTimeline(taskDir);
    const raw = await fs.readFile(path.join(taskDir, fileName), 'utf8').catch(() => undefined);
    if (raw === undefined) return timeline;
    let parsed: { events?: unknown[]; restores?: unknown[] };
    try {
      parsed = JSON.parse(raw) as typeof parsed;
    } catch {
      return timeline; // an unreadable timeline only costs the history shown; the task itself is intact
    }
    for (const event of parsed.events ?? []) {
      const checked = agentEventSchema.safeParse(event);
      if (checked.success) timeline.add(checked.data);
    }
    for (const restore of parsed.restores ?? []) {
      const checked = agentRestoreResultSchema.safeParse(restore);
      if (checked.success) timeline.restores.push(checked.data);
    }
    return timeline;
  }

  /**
   * Adds an event; output joins the earlier output of the same call. Returns what to send to the
   * page: the event as it is, or the output cut to what the timeline keeps.
   */
  add(event: AgentPanelEvent): AgentPanelEvent {
    if (event.type !== 'output') {
      this.events.push(event);
      return event;
    }
    let kept = this.outputs.get(event.id);
    if (!kept) {
      kept = { head: '', tail: '', omitted: 0, index: this.events.length };
      this.outputs.set(event.id, kept);
      this.events.push({ ...event, text: '' });
    }
    const before = kept.omitted;
    let rest = event.text;
    if (kept.head.length < outputHeadChars && kept.omitted === 0 && kept.tail === '') {
      const room = outputHeadChars - kept.head.length;
      kept.head += rest.slice(0, room);
      rest = rest.slice(room);
    }
    let shown = event.text.slice(0, event.text.length - rest.length);
    if (rest) {
      const tail = kept.tail + rest;
      const drop = Math.max(0, tail.length - outputTailChars);
      kept.omitted += drop;
      kept.tail = tail.slice(drop);
      shown += rest.slice(Math.max(0, rest.length - outputTailChars));
    }
    const merged: AgentPanelEvent = { type: 'output', step: event.step, id: event.id, text: kept.head + kept.tail, ...(kept.omitted ? { omitted: kept.omitted } : {}) };
    this.events[kept.index] = merged;
    // The page appends `text`; when the host dropped some of it, the page is told how much.
    const newlyOmitted = kept.omitted - before;
    return { type: 'output', step: event.step, id: event.id, text: shown.slice(Math.max(0, shown.length - outputTailChars)), ...(newlyOmitted ? { omitted: newlyOmitted } : {}) };
  }

  addRestore(result: AgentRestoreResult): void {
    this.restores.push(result);
  }

  /** Saves soon (several events in a row make one write); `flush` waits for it. */
  save(): void {
    if (this.saveQueued) return;
    this.saveQueued = true;
    this.saving = this.saving.then(async () => {
      this.saveQueued = false;
      await writeFileAtomic(path.join(this.taskDir, fileName), JSON.stringify({ events: this.events, restores: this.restores }), { durable: false, mode: 0o600 });
    }).catch(() => undefined);
  }

  flush(): Promise<void> {
    this.save();
    return this.saving;
  }
}
