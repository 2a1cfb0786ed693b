import type { AgentEvent, TaskRecord } from '../../core/agent';
import type { AgentStatus } from '../../core/protocol';

/**
 * The status line's data: "Step 7 of at most 25 · 12.4k tokens · running npm test 8 s". The
 * activity's start is kept here; the page ticks the elapsed time between updates.
 */
export class RunStatus {
  private activity = '';
  private activitySince = Date.now();
  running = false;

  constructor(private readonly record: TaskRecord, private readonly maxSteps: number) {}

  /** Takes what an event says is happening now; true when the status changed. */
  observe(event: AgentEvent): boolean {
    const activity = activityOf(event);
    if (activity === undefined || activity === this.activity) return event.type === 'step';
    this.activity = activity;
    this.activitySince = Date.now();
    return true;
  }

  set(activity: string): void {
    this.activity = activity;
    this.activitySince = Date.now();
  }

  snapshot(): AgentStatus {
    const { bounds } = this.record;
    return {
      running: this.running, step: bounds.steps, maxSteps: this.maxSteps, tokens: bounds.tokensIn + bounds.tokensOut,
      activity: this.activity, activityMs: Math.max(0, Date.now() - this.activitySince),
    };
  }
}

function activityOf(event: AgentEvent): string | undefined {
  switch (event.type) {
    // The engine's keep-alive repeats "running X — 8 s": the page counts the seconds itself.
    case 'progress': return event.message.replace(/ — \d+ s$/, '');
    case 'toolResult': return 'waiting for the model';
    case 'approval': return event.approved ? undefined : 'waiting for the model';
    default: return undefined;
  }
}
