import type { AgentPanelEvent } from '../../../src/core/protocol';
import { el } from '../dom';
import { formatTokens } from './statusLine';

type Stop = Extract<AgentPanelEvent, { type: 'stop' }>;
type Summary = Extract<AgentPanelEvent, { type: 'summary' }>['summary'];

export interface StopActions {
  continueTask(raise: boolean): void;
  openDiff(path: string): void;
  undoAll(): void;
}

const boundNames: Record<NonNullable<Stop['bound']>, string> = {
  steps: 'the step limit', tokens: 'the token budget', repeat: 'the repeat guard (the same call again and again)', errors: 'the error guard (failed calls in a row)',
};

/** Why the task stopped, and what the user can do next (Continue, with a higher limit where a limit stopped it). */
export function stopCard(event: Stop, actions: StopActions): HTMLElement {
  const card = el('section', { className: `agent-card agent-stop-card ${event.reason}`, attrs: { 'aria-label': 'Why the task stopped' } });
  if (event.reason === 'finished') return card; // the answer and the summary say it
  const heading = event.reason === 'bound' && event.bound
    ? `Stopped by ${boundNames[event.bound]}${event.limit ? ` (${event.bound === 'tokens' ? formatTokens(event.limit) : event.limit})` : ''}`
    : event.reason === 'cancelled' ? 'Stopped by you'
      : event.reason === 'interrupted' ? 'Interrupted: the window closed or reloaded while the task ran'
        : event.reason === 'model' ? 'Stopped by the model' : 'Stopped by an error';
  card.append(el('h3', { text: heading }), el('p', { text: event.message }));
  const row = el('div', { className: 'agent-stop-actions' });
  const go = el('button', { text: 'Continue', attrs: { type: 'button', 'data-action': 'continue', title: 'Go on where the task stopped; nothing that already ran runs again' } });
  go.addEventListener('click', () => actions.continueTask(false));
  row.append(go);
  if (event.bound === 'steps' || event.bound === 'tokens') {
    const higher = el('button', { className: 'secondary', text: 'Continue with a higher limit', attrs: { type: 'button', 'data-action': 'raise', title: `Continue with ${event.bound === 'steps' ? 'twice the steps' : 'twice the token budget'} for this run` } });
    higher.addEventListener('click', () => actions.continueTask(true));
    row.append(higher);
  }
  card.append(row);
  return card;
}

/** The final summary: files changed (each opens its diff against the checkpoint), commands with exit codes, tokens. */
export function summaryCard(summary: Summary, actions: StopActions): HTMLElement {
  const files = el('ul', { className: 'agent-summary-files' });
  for (const file of summary.filesChanged) {
    const open = el('button', { className: 'link-button', text: file, attrs: { type: 'button', title: `Open the diff of ${file} against the task's checkpoint` } });
    open.addEventListener('click', () => actions.openDiff(file));
    files.append(el('li', {}, [open]));
  }
  const commands = el('ul', { className: 'agent-summary-commands' });
  for (const command of summary.commandsRun) {
    const failed = command.exitCode !== 0;
    commands.append(el('li', { className: failed ? 'failed' : 'ok' }, [
      el('code', { text: command.command }), el('span', { text: ` exit ${command.exitCode ?? '– (did not finish)'}` }),
    ]));
  }
  const card = el('section', { className: 'agent-card agent-summary', attrs: { 'aria-label': 'Task summary' } }, [
    el('h3', { text: 'Summary' }),
    el('p', { text: `${summary.steps} step${summary.steps === 1 ? '' : 's'} · ${formatTokens(summary.tokens.input + summary.tokens.output)} (${summary.tokens.input} in / ${summary.tokens.output} out)` }),
    el('h4', { text: summary.filesChanged.length ? `Files changed (${summary.filesChanged.length})` : 'No files changed' }),
    summary.filesChanged.length ? files : null,
    el('h4', { text: summary.commandsRun.length ? `Commands run (${summary.commandsRun.length})` : 'No commands run' }),
    summary.commandsRun.length ? commands : null,
  ]);
  if (summary.filesChanged.length) {
    const undo = el('button', { className: 'secondary', text: 'Undo all of this task', attrs: { type: 'button', 'data-action': 'undo-all', title: 'Put every file the agent changed back as it was (asks first)' } });
    undo.addEventListener('click', actions.undoAll);
    card.append(el('div', { className: 'agent-stop-actions' }, [undo]));
  }
  return card;
}
