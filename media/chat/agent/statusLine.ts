import type { AgentStatus } from '../../../src/core/protocol';
import { el } from '../dom';

/** "12.4k tokens" */
export function formatTokens(tokens: number): string {
  if (tokens < 1_000) return `${tokens} tokens`;
  if (tokens < 1_000_000) return `${(tokens / 1_000).toFixed(1)}k tokens`;
  return `${(tokens / 1_000_000).toFixed(2)}M tokens`;
}

/** "Step 7 of at most 25 · 12.4k tokens · running npm test 8 s" */
export function statusText(status: AgentStatus, elapsedMs: number): string {
  const parts = [`Step ${status.step} of at most ${status.maxSteps}`, formatTokens(status.tokens)];
  if (status.activity) parts.push(elapsedMs >= 1_000 ? `${status.activity} ${Math.floor(elapsedMs / 1_000)} s` : status.activity);
  return parts.join(' · ');
}

/**
 * The keep-alive line above the input while a task runs, with Stop. The extension sends the
 * activity when it changes; the seconds tick here, so a long command visibly stays alive.
 */
export class StatusLine {
  readonly element: HTMLDivElement;
  private readonly text = el('span', { className: 'agent-status-text' });
  private status: AgentStatus | undefined;
  private since = 0;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(onStop: () => void) {
    const stop = el('button', { className: 'secondary agent-stop', text: 'Stop', attrs: { type: 'button', 'aria-label': 'Stop the agent (the model request and any running command)', title: 'Stop the agent' } });
    stop.addEventListener('click', onStop);
    this.element = el('div', { className: 'agent-status', attrs: { role: 'status', 'aria-live': 'off' } }, [
      el('span', { className: 'agent-spinner', attrs: { 'aria-hidden': 'true' } }), this.text, stop,
    ]);
    this.element.hidden = true;
  }

  get running(): boolean {
    return this.status?.running === true;
  }

  update(status: AgentStatus): void {
    this.status = status;
    this.since = performance.now() - status.activityMs;
    this.element.hidden = !status.running;
    this.render();
    if (status.running && !this.timer) this.timer = setInterval(() => this.render(), 1_000);
    if (!status.running && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  private render(): void {
    if (this.status) this.text.textContent = statusText(this.status, performance.now() - this.since);
  }
}
