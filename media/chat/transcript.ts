import type { Turn } from '../../src/core/protocol';
import { trackAction } from './actionNotices';
import { el } from './dom';
import { TurnView, type TurnHandlers } from './turnView';
import { post } from './vscodeApi';

/**
 * The conversation: a `role="log"` list of turns. While an answer streams the log is aria-busy,
 * so screen readers announce the finished answer once instead of every re-rendered fragment.
 * Code-block buttons and links are handled here by delegation (their HTML comes from the
 * Markdown renderer and carries no handlers of its own).
 */
export class Transcript {
  private views = new Map<string, TurnView>();
  /** Follow the answer while the user is at the bottom; stop following once they scroll up. */
  private following = true;
  private scrollScheduled = false;

  constructor(private readonly root: HTMLElement, private readonly handlers: TurnHandlers & { announce(text: string): void }) {
    root.addEventListener('click', (event) => this.onClick(event));
    root.addEventListener('scroll', () => {
      if (!this.scrollScheduled) this.following = root.scrollHeight - root.scrollTop - root.clientHeight < 80;
    }, { passive: true });
  }

  reset(turns: readonly Turn[]): void {
    this.views.clear();
    this.root.replaceChildren();
    for (const turn of turns) this.add(turn);
    this.refresh();
  }

  add(turn: Turn): void {
    const view = new TurnView(turn, this.handlers);
    this.views.set(turn.id, view);
    this.root.querySelector('.empty-state')?.remove();
    this.root.append(view.element);
    this.refresh();
    this.scrollToEnd();
  }

  update(turn: Turn): void {
    const view = this.views.get(turn.id);
    if (!view) return this.add(turn);
    const wasStreaming = view.turn.status === 'streaming';
    view.update(turn);
    if (wasStreaming && turn.status !== 'streaming') this.announceEnd(turn);
    this.refresh();
    this.scrollToEnd();
  }

  remove(ids: readonly string[]): void {
    for (const id of ids) {
      this.views.get(id)?.element.remove();
      this.views.delete(id);
    }
    this.refresh();
  }

  appendText(turnId: string, text: string): void {
    const view = this.views.get(turnId);
    if (!view) return;
    view.appendText(text);
    if (this.following) this.scrollToEnd();
  }

  /** User messages as typed (with their slash command), oldest first: what Up recalls. */
  userTexts(): string[] {
    return [...this.views.values()].filter((v) => v.turn.role === 'user').map((v) => typedText(v.turn));
  }

  setBusy(busy: boolean): void {
    this.root.setAttribute('aria-busy', String(busy));
    this.root.classList.toggle('busy', busy);
  }

  /** Marks the last user and assistant turns: only they offer Edit and Regenerate. */
  private refresh(): void {
    const turns = [...this.views.values()];
    const lastUser = turns.filter((v) => v.turn.role === 'user').at(-1);
    const lastAssistant = turns.filter((v) => v.turn.role === 'assistant').at(-1);
    for (const view of turns) {
      view.element.classList.toggle('last-user', view === lastUser);
      view.element.classList.toggle('last-assistant', view === lastAssistant && turns.at(-1) === lastAssistant);
    }
    if (turns.length === 0) this.root.append(emptyState());
  }

  private announceEnd(turn: Turn): void {
    if (turn.status === 'error') this.handlers.announce(`Error: ${turn.error?.message ?? 'the answer failed'}`);
    else if (turn.status === 'stopped') this.handlers.announce('Answer stopped.');
    else this.handlers.announce('Answer complete.');
  }

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
    if (!action || !block) return;
    const code = block.querySelector('code')?.textContent ?? '';
    const kind = action.dataset.action;
    if (kind !== 'copy' && kind !== 'insert' && kind !== 'apply') return;
    post({
      type: 'codeAction', action: kind, code,
      ...(block.dataset.lang ? { language: block.dataset.lang } : {}),
      ...(block.dataset.path ? { path: block.dataset.path } : {}),
      ...(kind === 'copy' ? {} : { actionId: trackAction(block) }),
    });
    if (kind === 'copy') flashLabel(action, 'Copied', () => this.handlers.announce('Code copied to the clipboard.'));
  }

  /** Once per frame at most, after the frame's own layout: reading scrollHeight per batch would force one. */
  private scrollToEnd(): void {
    if (this.scrollScheduled) return;
    this.scrollScheduled = true;
    requestAnimationFrame(() => {
      this.root.scrollTop = this.root.scrollHeight;
      this.scrollScheduled = false;
    });
  }
}

function flashLabel(button: HTMLButtonElement, label: string, then: () => void): void {
  const original = button.textContent;
  button.textContent = label;
  then();
  setTimeout(() => { button.textContent = original; }, 1_500);
}

function emptyState(): HTMLElement {
  return el('div', { className: 'empty-state' }, [
    el('h2', { text: 'Ask Tandem about your code' }),
    el('p', { text: 'The selection in the editor is attached automatically. Type / for commands, # to attach a file, #problems or #editors.' }),
  ]);
}

/**
 * A user turn as the user would type it again (edit, Up): with its slash command; an MCP prompt's
 * turn holds the prompt's expanded messages, so it comes back as that text (running the prompt
 * again would expand it twice).
 */
export function typedText(turn: Turn): string {
  return turn.command && !turn.command.startsWith('mcp.') ? `/${turn.command} ${turn.text}`.trim() : turn.text;
}
