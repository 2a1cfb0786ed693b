import { hasApplicableEdits } from '../../src/core/chat/editMarkers';
import type { LlmActionName, Turn, TurnMetrics } from '../../src/core/protocol';
import { trackAction } from './actionNotices';
import { button, el, formatDuration } from './dom';
import { renderMarkdown } from './markdown';
import { StreamingMarkdown } from './streamingMarkdown';
import { post } from './vscodeApi';

const actionLabels: Record<LlmActionName, string> = {
  retry: 'Retry',
  openSettings: 'Open Settings',
  setApiKey: 'Set API Key',
  selectModel: 'Select Chat Model',
  showLog: 'Show Log',
};

export interface TurnHandlers {
  onEdit(turn: Turn): void;
  onRegenerate(): void;
}

/** One message in the transcript, and the streaming renderer of its body while it grows. */
export class TurnView {
  readonly element: HTMLElement;
  private readonly body: HTMLElement;
  private readonly extras: HTMLElement;
  private stream: StreamingMarkdown | undefined;

  constructor(public turn: Turn, private readonly handlers: TurnHandlers) {
    const who = turn.role === 'user' ? 'You' : turn.role === 'assistant' ? 'Tandem' : 'Tandem (note)';
    this.body = el('div', { className: turn.role === 'user' ? 'turn-body user-text' : 'turn-body markdown' });
    this.extras = el('div', { className: 'turn-extras' });
    this.element = el('article', { className: `turn ${turn.role}`, attrs: { 'data-turn-id': turn.id, 'aria-label': who } }, [
      el('div', { className: 'turn-header', text: who }),
      this.body,
      this.extras,
    ]);
    this.renderBody();
    this.renderExtras();
  }

  /** Streamed text for an answer in progress. */
  appendText(text: string): void {
    if (!this.stream) {
      this.body.replaceChildren();
      this.stream = new StreamingMarkdown(this.body, this.turn.text);
    }
    const first = !this.turn.text;
    this.stream.append(text);
    this.turn = { ...this.turn, text: this.turn.text + text };
    if (first) this.renderExtras(); // the "waiting" line goes once text arrives
  }

  update(turn: Turn): void {
    const textChanged = turn.text !== (this.stream?.value ?? this.turn.text);
    this.turn = turn;
    if (turn.status !== 'streaming') {
      if (this.stream && !textChanged) this.stream.finish();
      else this.renderBody();
      this.stream = undefined;
    } else if (textChanged) {
      this.renderBody();
    }
    this.renderExtras();
  }

  private renderBody(): void {
    const { turn } = this;
    if (turn.role === 'user') {
      this.body.replaceChildren();
      if (turn.context?.length) this.body.append(el('div', { className: 'turn-context', text: `With ${turn.context.join(', ')}` }));
      this.body.append(el('div', { text: turn.command ? `/${turn.command} ${turn.text}`.trim() : turn.text }));
      return;
    }
    if (turn.status === 'streaming') {
      this.body.replaceChildren();
      this.stream = new StreamingMarkdown(this.body, turn.text);
      return;
    }
    this.body.innerHTML = renderMarkdown(turn.text, { highlight: true });
  }

  private renderExtras(): void {
    const { turn } = this;
    const parts: HTMLElement[] = [];
    this.element.querySelector(':scope > .turn-notes')?.remove();
    if (turn.notes?.length) {
      // Trimming notes belong above the answer: they explain what the model did not see.
      this.element.insertBefore(el('ul', { className: 'turn-notes', attrs: { 'aria-label': 'Notes about this answer' } }, turn.notes.map((note) => el('li', { text: note }))), this.body);
    }
    if (turn.role === 'assistant' && turn.status === 'streaming' && !turn.text) parts.push(el('div', { className: 'turn-pending', text: 'Waiting for the model…' }));
    if (turn.status === 'stopped') parts.push(el('div', { className: 'turn-stopped', text: 'Stopped.' }));
    if (turn.error) parts.push(errorBox(turn.error.message, turn.error.actions));
    if (turn.metrics) parts.push(el('div', { className: 'turn-footer', text: formatMetrics(turn.metrics), attrs: { 'aria-label': `Answer details: ${formatMetrics(turn.metrics)}` } }));
    const actions = this.actionButtons();
    if (actions) parts.push(actions);
    this.extras.replaceChildren(...parts);
  }

  private actionButtons(): HTMLElement | undefined {
    const { turn } = this;
    if (turn.role === 'user') {
      return el('div', { className: 'turn-actions edit-action' }, [button('Edit', 'Edit and resend this message', 'link-button', () => this.handlers.onEdit(this.turn))]);
    }
    if (turn.role === 'assistant' && turn.status !== 'streaming') {
      const buttons = [button('Regenerate', 'Regenerate this answer', 'link-button', () => this.handlers.onRegenerate())];
      if ((turn.status === undefined || turn.status === 'done') && hasApplicableEdits(turn.text)) {
        buttons.unshift(button('Apply All Edits', 'Review every edit in this answer, for every file it names', 'link-button apply-all', () => post({ type: 'applyAnswer', turnId: turn.id, actionId: trackAction(actions) })));
      }
      const actions = el('div', { className: 'turn-actions regenerate-action' }, buttons);
      return actions;
    }
    return undefined;
  }
}

function errorBox(message: string, actions: readonly LlmActionName[]): HTMLElement {
  return el('div', { className: 'turn-error', attrs: { role: 'alert' } }, [
    el('p', { text: message }),
    actions.length
      ? el('div', { className: 'error-actions' }, actions.map((action) => button(actionLabels[action], actionLabels[action], 'secondary', () => post({ type: 'errorAction', action }))))
      : null,
  ]);
}

export function formatMetrics(m: TurnMetrics): string {
  const parts = [m.model];
  if (m.timeToFirstTokenMs !== undefined) parts.push(`first token ${formatDuration(m.timeToFirstTokenMs)}`);
  parts.push(`total ${formatDuration(m.totalMs)}`);
  parts.push(`${m.tokensIn} in / ${m.tokensOut} out tokens${m.usageSource === 'estimate' ? ' (estimated)' : ''}`);
  return parts.join(' · ');
}
