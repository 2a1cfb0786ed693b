import type { AgentMode } from '../../../src/core/protocol';
import { el } from '../dom';
import { post } from '../vscodeApi';

/**
 * Ask | Agent in the input row: two toggle buttons (aria-pressed). The extension remembers the
 * choice per workspace and answers with `agentMode`, which is what actually switches the page.
 */
export class ModeSwitch {
  readonly element: HTMLElement;
  private readonly buttons: Record<AgentMode, HTMLButtonElement>;

  constructor() {
    const make = (mode: AgentMode, label: string, title: string) => {
      const node = el('button', { className: 'mode-option', text: label, attrs: { type: 'button', 'aria-pressed': 'false', 'data-mode': mode, title } });
      node.addEventListener('click', () => post({ type: 'agentSetMode', mode }));
      return node;
    };
    this.buttons = {
      ask: make('ask', 'Ask', 'Ask: answers in the chat, changes only what you apply'),
      agent: make('agent', 'Agent', 'Agent: works on a task — reads, edits, runs commands (asking first) — until it is done'),
    };
    this.element = el('div', { className: 'mode-switch', attrs: { role: 'group', 'aria-label': 'Mode' } }, [this.buttons.ask, this.buttons.agent]);
  }

  show(mode: AgentMode): void {
    for (const [name, button] of Object.entries(this.buttons)) button.setAttribute('aria-pressed', String(name === mode));
  }
}
