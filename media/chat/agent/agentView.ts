import type { AgentCheckpoint, AgentMode, AgentPanelEvent, AgentTaskView, ExtensionMessage } from '../../../src/core/protocol';
import { trackAction } from '../actionNotices';
import { el } from '../dom';
import { renderMarkdown } from '../markdown';
import { post } from '../vscodeApi';
import { approvalCard } from './approvalCard';
import { restoreControl, restoreResultCard, type RestoreActions } from './restoreViews';
import { StatusLine } from './statusLine';
import { stopCard, summaryCard, type StopActions } from './stopCard';
import { ToolCard } from './toolCard';

export type AgentMessage = Extract<ExtensionMessage, { type: `agent${string}` }>;

export interface AgentViewHooks {
  /** The mode changed (the page swaps the conversation for the timeline). */
  onMode(mode: AgentMode): void;
  /** A run started or ended (the input's Send/Stop follow it). */
  onRunning(running: boolean): void;
  announce(text: string): void;
}

/**
 * Agent mode's timeline: the task, each step with its tool cards, the model's words (the same
 * Markdown renderer as the chat), the approval waiting, the status line, why it stopped and the
 * summary. Built from the extension's events; a reload rebuilds it from the saved timeline.
 */
export class AgentView {
  readonly root: HTMLElement;
  private readonly timeline = el('ol', { className: 'agent-timeline', attrs: { 'aria-label': 'Agent steps' } });
  private readonly approvalSlot = el('div', { className: 'agent-approval-slot' });
  private readonly note = el('p', { className: 'agent-note' });
  private readonly status: StatusLine;
  private readonly cards = new Map<string, ToolCard>();
  private readonly steps = new Map<number, HTMLElement>();
  private checkpoints: AgentCheckpoint[] = [];
  private taskId: string | undefined;
  private lastCard: ToolCard | undefined;
  private lastStop: HTMLElement | undefined;
  private mode: AgentMode = 'ask';
  private readOnly = false;
  private scrollScheduled = false;
  private readonly stopActions: StopActions = {
    continueTask: (raise) => post({ type: 'agentContinue', raise }),
    openDiff: (path) => post({ type: 'agentOpenDiff', path }),
    undoAll: () => this.restoreActions.restore(this.checkpoints[0]?.step ?? 1),
  };
  private readonly restoreActions: RestoreActions = {
    openDiff: (path, step) => post({ type: 'agentOpenDiff', path, step }),
    restore: (step) => post({ type: 'agentRestore', step }),
    undoRestore: (snapshot) => post({ type: 'agentUndoRestore', snapshot }),
  };

  constructor(root: HTMLElement, private readonly hooks: AgentViewHooks) {
    this.root = root;
    this.status = new StatusLine(() => post({ type: 'agentStop' }));
    const newTask = el('button', { className: 'link-button agent-new-task', text: 'New task', attrs: { type: 'button', title: 'Start a new agent task (this one stays saved)' } });
    newTask.addEventListener('click', () => post({ type: 'agentNewTask' }));
    root.append(el('div', { className: 'agent-header' }, [this.note, newTask]), this.timeline, this.approvalSlot, this.status.element);
    root.addEventListener('click', (event) => this.onClick(event));
    this.showEmpty();
  }

  get isAgentMode(): boolean {
    return this.mode === 'agent';
  }

  get running(): boolean {
    return this.status.running;
  }

  handle(message: AgentMessage): void {
    switch (message.type) {
      case 'agentMode':
        this.mode = message.mode;
        this.readOnly = message.readOnly;
        this.showNote();
        this.hooks.onMode(message.mode);
        return;
      case 'agentTask': return this.reset(message.task);
      case 'agentEvents':
        if (message.taskId === this.taskId) this.addEvents(message.events);
        return;
      case 'agentStatus': {
        if (message.taskId !== this.taskId) return;
        const was = this.status.running;
        this.status.update(message.status);
        if (was !== message.status.running) this.hooks.onRunning(message.status.running);
        return;
      }
      case 'agentApproval':
        if (message.taskId !== this.taskId) return;
        this.approvalSlot.replaceChildren();
        if (message.approval) {
          const approval = message.approval;
          this.approvalSlot.append(approvalCard(approval, (decision) => post({ type: 'agentApprove', id: approval.id, decision })));
          this.hooks.announce(approval.kind === 'command' ? `The agent asks to run ${approval.subject}` : `The agent asks to edit ${approval.subject}`);
          this.approvalSlot.scrollIntoView({ block: 'nearest' });
        }
        return;
      case 'agentCheckpoints':
        if (message.taskId === this.taskId) this.setCheckpoints(message.checkpoints);
        return;
      case 'agentRestored':
        if (message.taskId === this.taskId) this.timeline.append(el('li', {}, [restoreResultCard(message.result, this.restoreActions)]));
        return;
      case 'agentNotice':
        this.timeline.append(el('li', { className: `agent-notice ${message.level}`, text: message.text }));
        this.hooks.announce(message.text);
        return;
    }
  }

  private reset(task: AgentTaskView | null): void {
    this.cards.clear();
    this.steps.clear();
    this.checkpoints = [];
    this.lastCard = undefined;
    this.lastStop = undefined;
    this.timeline.replaceChildren();
    this.approvalSlot.replaceChildren();
    this.taskId = task?.id;
    if (!task) return this.showEmpty();
    this.addEvents(task.events);
    // Saved as running but no run holds it: the window went away mid-task.
    if (task.status === 'interrupted') {
      this.addEvents([{ type: 'stop', reason: 'interrupted', message: 'Continue picks it up where it stopped; nothing that already ran runs again.' }]);
    }
    for (const result of task.restores) this.timeline.append(el('li', {}, [restoreResultCard(result, this.restoreActions)]));
    this.setCheckpoints(task.checkpoints);
  }

  private addEvents(events: readonly AgentPanelEvent[]): void {
    const fragment = document.createDocumentFragment();
    for (const event of events) this.render(event, fragment);
    this.timeline.append(fragment);
    this.scrollToEnd();
  }

  /** Once per frame at most: reading scrollHeight per message would force a layout each time. */
  private scrollToEnd(): void {
    if (this.scrollScheduled) return;
    this.scrollScheduled = true;
    requestAnimationFrame(() => {
      this.scrollScheduled = false;
      this.root.scrollTop = this.root.scrollHeight;
    });
  }

  private render(event: AgentPanelEvent, into: DocumentFragment): void {
    if (event.type !== 'output' && event.type !== 'summary') this.retireStop();
    switch (event.type) {
      case 'task':
        if (event.resumed) into.append(el('li', { className: 'agent-divider', text: 'Resumed' }));
        return;
      case 'user':
        into.append(el('li', { className: 'agent-user' }, [el('span', { className: 'agent-who', text: 'You' }), el('p', { text: event.text })]));
        return;
      case 'step': {
        const divider = el('li', { className: 'agent-step', attrs: { 'data-step': String(event.step) } }, [el('span', { text: `Step ${event.step}` })]);
        this.steps.set(event.step, divider);
        into.append(divider);
        return;
      }
      case 'assistant': {
        const body = el('div', { className: 'agent-assistant markdown' });
        body.innerHTML = renderMarkdown(event.text); // markdown-it with html:false: the model's text cannot become markup
        into.append(el('li', {}, [body]));
        return;
      }
      case 'protocol':
        into.append(el('li', { className: 'agent-note-line', text: `Tools are described in the prompt: ${event.reason}` }));
        return;
      case 'notice':
        into.append(el('li', { className: 'agent-note-line', text: event.message }));
        return;
      case 'toolCall': return this.card(event.id, event.step, into).call(event);
      case 'approval':
        this.lastCard?.approval(event);
        return;
      case 'output':
        this.card(event.id, event.step, into).appendOutput(event.text, event.omitted);
        return;
      case 'toolResult': return this.card(event.id, event.step, into).result(event);
      case 'condensed':
        into.append(el('li', { className: 'agent-note-line', text: `Older tool results were condensed to fit the model's context (${event.tokensBefore} → ${event.tokensAfter} tokens).` }));
        return;
      case 'stop': {
        const card = stopCard(event, this.stopActions);
        this.lastStop = card;
        into.append(el('li', {}, [card]));
        this.hooks.announce(event.reason === 'finished' ? 'The agent finished the task.' : 'The agent stopped.');
        return;
      }
      case 'summary':
        into.append(el('li', {}, [summaryCard(event.summary, this.stopActions)]));
        return;
    }
  }

  private card(id: string, step: number, into: DocumentFragment): ToolCard {
    let card = this.cards.get(id);
    if (!card) {
      card = new ToolCard(id, step, this.restoreActions);
      this.cards.set(id, card);
      into.append(card.element);
    }
    this.lastCard = card;
    return card;
  }

  /** Only the latest stop offers Continue: once the task moved on, older ones are history. */
  private retireStop(): void {
    this.lastStop?.querySelector('.agent-stop-actions')?.remove();
    this.lastStop = undefined;
  }

  private setCheckpoints(checkpoints: AgentCheckpoint[]): void {
    this.checkpoints = checkpoints;
    for (const [step, divider] of this.steps) {
      const has = checkpoints.some((c) => c.step === step && c.files.length > 0);
      const control = divider.querySelector('.agent-restore-control');
      if (has && !control) divider.append(restoreControl(step, () => this.checkpoints, this.restoreActions));
      if (!has) control?.remove();
    }
  }

  private showEmpty(): void {
    this.timeline.append(el('li', { className: 'empty-state' }, [
      el('h2', { text: 'Give Tandem a task' }),
      el('p', { text: 'The agent reads the code it needs, edits files, runs commands and tests, and fixes what fails. Commands ask first; every change can be restored.' }),
    ]));
  }

  private showNote(): void {
    this.note.textContent = this.readOnly ? 'Restricted Mode: the agent can only read and search (no edits, no commands) until you trust this workspace.' : '';
    this.note.hidden = !this.readOnly;
  }

  /** Links and code-block buttons in the model's Markdown, as in the chat. */
  private onClick(event: MouseEvent): void {
    const target = event.target instanceof Element ? event.target : null;
    const link = target?.closest<HTMLAnchorElement>('a[data-href]');
    if (link) {
      event.preventDefault();
      post({ type: 'openLink', href: link.dataset.href ?? '' });
      return;
    }
    const action = target?.closest<HTMLButtonElement>('button.code-action');
    const block = action?.closest<HTMLElement>('.code-block');
    const kind = action?.dataset.action;
    if (!block || (kind !== 'copy' && kind !== 'insert' && kind !== 'apply')) return;
    post({
      type: 'codeAction', action: kind, code: block.querySelector('code')?.textContent ?? '',
      ...(block.dataset.lang ? { language: block.dataset.lang } : {}), ...(block.dataset.path ? { path: block.dataset.path } : {}),
      ...(kind === 'copy' ? {} : { actionId: trackAction(block) }),
    });
  }
}
