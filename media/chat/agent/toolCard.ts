import type { AgentPanelEvent } from '../../../src/core/protocol';
import { el, formatDuration } from '../dom';
import { OutputView } from './outputView';

type ToolCall = Extract<AgentPanelEvent, { type: 'toolCall' }>;
type ToolResult = Extract<AgentPanelEvent, { type: 'toolResult' }>;
type Approval = Extract<AgentPanelEvent, { type: 'approval' }>;

export interface ToolCardActions {
  openDiff(path: string, step: number): void;
  restore(step: number): void;
}

const icons: Record<string, string> = {
  read_file: '▤', list_files: '☰', search: '⌕', apply_edits: '✎', write_file: '✎', delete_file: '✕',
  run_command: '▶', run_tests: '✓', git_status: '⎇', git_diff: '⎇',
};
const maxDiffLines = 3_000;

/**
 * One tool call as a compact card: icon and a one-line summary (the engine's), expandable to the
 * details — the arguments, the approval, the command output with its colours, the diff. Every
 * string is model or tool output, so every one goes into a text node.
 */
export class ToolCard {
  readonly element: HTMLLIElement;
  private readonly head: HTMLButtonElement;
  private readonly summary: HTMLSpanElement;
  private readonly meta: HTMLSpanElement;
  private readonly body: HTMLDivElement;
  private readonly detail: HTMLDivElement;
  private readonly output = new OutputView();
  private name = '';

  constructor(readonly id: string, readonly step: number, private readonly actions: ToolCardActions) {
    this.summary = el('span', { className: 'agent-card-summary' });
    this.meta = el('span', { className: 'agent-card-meta' });
    this.head = el('button', { className: 'agent-card-head', attrs: { type: 'button', 'aria-expanded': 'false' } }, [
      el('span', { className: 'agent-card-icon', attrs: { 'aria-hidden': 'true' } }), this.summary, this.meta,
    ]);
    this.detail = el('div', { className: 'agent-card-detail' });
    this.body = el('div', { className: 'agent-card-body' }, [this.detail, this.output.element]);
    this.body.hidden = true;
    this.element = el('li', { className: 'agent-card agent-tool running', attrs: { 'data-call': id } }, [this.head, this.body]);
    this.head.addEventListener('click', () => this.toggle());
  }

  get expanded(): boolean {
    return !this.body.hidden;
  }

  toggle(open = this.body.hidden): void {
    this.body.hidden = !open;
    this.head.setAttribute('aria-expanded', String(open));
    if (open) this.output.show();
    else this.output.hide();
  }

  call(event: ToolCall): void {
    this.setName(event.name);
    this.summary.textContent = describeCall(event.name, event.arguments);
    const args = argumentLines(event.name, event.arguments);
    if (args) this.detail.append(el('pre', { className: 'agent-args', text: args }));
  }

  approval(event: Approval): void {
    const said = event.decision === 'always' ? 'You allowed it always' : event.decision === 'auto' ? 'Allowed earlier in this session'
      : event.approved ? 'You allowed it' : 'You denied it';
    this.detail.append(el('p', { className: `agent-decision ${event.approved ? 'allowed' : 'denied'}`, text: `${said}. ${event.reason}` }));
  }

  appendOutput(text: string, omitted?: number): void {
    this.output.append(text, omitted);
  }

  result(event: ToolResult): void {
    this.setName(event.name);
    this.element.classList.remove('running');
    this.element.classList.add(event.refused ? 'refused' : event.ok ? 'ok' : 'failed');
    this.summary.textContent = event.summary;
    const exit = event.command ? ` · exit ${event.command.exitCode ?? '–'}` : '';
    this.meta.textContent = `${event.reused ? 'earlier run' : formatDuration(event.durationMs)}${exit}`;
    this.head.setAttribute('aria-label', `${event.refused ? 'Refused' : event.ok ? 'Done' : 'Failed'}: ${event.summary}`);
    if (event.diff) this.detail.append(renderDiff(event.diff));
    if (event.filesChanged?.length) {
      const files = el('div', { className: 'agent-files' }, [el('span', { text: 'Changed: ' })]);
      for (const file of event.filesChanged) {
        const open = el('button', { className: 'link-button', text: file, attrs: { type: 'button', title: `Open the diff of ${file} against its checkpoint` } });
        open.addEventListener('click', () => this.actions.openDiff(file, this.step));
        files.append(open);
      }
      const undo = el('button', { className: 'secondary', text: 'Undo', attrs: { type: 'button', title: `Put back the files as they were before step ${this.step} (asks first)` } });
      undo.addEventListener('click', () => this.actions.restore(this.step));
      files.append(undo);
      this.detail.append(files);
    }
  }

  private setName(name: string): void {
    if (this.name === name) return;
    this.name = name;
    const icon = this.head.querySelector('.agent-card-icon');
    if (icon) icon.textContent = icons[name] ?? '⚙';
    this.element.dataset.tool = name;
  }
}

/** "Running npm test", "Reading src/a.ts" — until the engine's own summary arrives. */
export function describeCall(name: string, args: unknown): string {
  const a = (args && typeof args === 'object' ? args : {}) as Record<string, unknown>;
  const str = (key: string) => (typeof a[key] === 'string' ? (a[key] as string) : '');
  switch (name) {
    case 'read_file': return `Reading ${str('path')}`;
    case 'list_files': return `Listing ${str('path') || 'the workspace'}`;
    case 'search': return `Searching for '${str('query')}'`;
    case 'apply_edits': return `Editing ${str('path')}`;
    case 'write_file': return `Writing ${str('path')}`;
    case 'delete_file': return `Deleting ${str('path')}`;
    case 'run_command': return `Running ${str('command')}`;
    case 'run_tests': return `Running the tests${str('path') ? ` of ${str('path')}` : ''}`;
    case 'git_status': return 'Reading git status';
    case 'git_diff': return 'Reading git diff';
    default: return name;
  }
}

function argumentLines(name: string, args: unknown): string {
  if (!args || typeof args !== 'object') return '';
  const a = args as Record<string, unknown>;
  if (name === 'run_command' && typeof a.command === 'string') return `$ ${a.command}${typeof a.cwd === 'string' ? `   (in ${a.cwd})` : ''}`;
  // Edits and writes show as a diff with the result; their raw arguments would repeat it.
  if (name === 'apply_edits' || name === 'write_file') return '';
  const text = JSON.stringify(args, null, 2);
  return text.length > 4_000 ? `${text.slice(0, 4_000)}…` : text;
}

export function renderDiff(diff: string): HTMLElement {
  const pre = el('pre', { className: 'agent-diff', attrs: { 'aria-label': 'Diff' } });
  const lines = diff.split('\n');
  for (const line of lines.slice(0, maxDiffLines)) {
    const kind = line.startsWith('+++') || line.startsWith('---') ? 'diff-file' : line.startsWith('+') ? 'diff-add' : line.startsWith('-') ? 'diff-del' : line.startsWith('@@') ? 'diff-hunk' : '';
    pre.append(kind ? el('span', { className: kind, text: `${line}\n` }) : document.createTextNode(`${line}\n`));
  }
  if (lines.length > maxDiffLines) pre.append(el('span', { className: 'agent-output-omitted', text: `… ${lines.length - maxDiffLines} more lines` }));
  return pre;
}
