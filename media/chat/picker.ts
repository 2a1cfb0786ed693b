import { el } from './dom';

export interface PickerItem {
  label: string;
  description: string;
  choose(): void;
}

/**
 * The suggestion list under the input for `#` (context) and `/` (commands). Focus stays in the
 * input: arrows move the highlighted option (announced through aria-activedescendant), Enter or
 * Tab takes it, Escape closes the list.
 */
export class Picker {
  private items: PickerItem[] = [];
  private active = 0;

  constructor(private readonly list: HTMLElement, private readonly input: HTMLTextAreaElement) {
    list.setAttribute('role', 'listbox');
    list.hidden = true;
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-controls', list.id);
    input.setAttribute('aria-expanded', 'false');
    list.addEventListener('mousedown', (event) => event.preventDefault()); // keep focus in the input
  }

  get isOpen(): boolean {
    return !this.list.hidden;
  }

  show(items: PickerItem[], label: string): void {
    this.items = items;
    this.active = 0;
    if (items.length === 0) return this.close();
    this.list.setAttribute('aria-label', label);
    this.list.replaceChildren(...items.map((item, i) => {
      const option = el('li', { className: 'picker-item', attrs: { role: 'option', id: `picker-option-${i}` } }, [
        el('span', { className: 'picker-label', text: item.label }),
        el('span', { className: 'picker-description', text: item.description }),
      ]);
      option.addEventListener('click', () => this.choose(i));
      return option;
    }));
    this.list.hidden = false;
    this.input.setAttribute('aria-expanded', 'true');
    this.highlight();
  }

  close(): void {
    this.list.hidden = true;
    this.items = [];
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
  }

  /** Handles a key while open; true when the key was consumed. */
  handleKey(event: KeyboardEvent): boolean {
    if (!this.isOpen) return false;
    switch (event.key) {
      case 'ArrowDown': this.move(1); return true;
      case 'ArrowUp': this.move(-1); return true;
      case 'Enter':
      case 'Tab': this.choose(this.active); return true;
      case 'Escape': this.close(); return true;
      default: return false;
    }
  }

  private move(step: number): void {
    this.active = (this.active + step + this.items.length) % this.items.length;
    this.highlight();
  }

  private highlight(): void {
    this.list.querySelectorAll('.picker-item').forEach((option, i) => option.setAttribute('aria-selected', String(i === this.active)));
    this.input.setAttribute('aria-activedescendant', `picker-option-${this.active}`);
    this.list.querySelector(`#picker-option-${this.active}`)?.scrollIntoView({ block: 'nearest' });
  }

  private choose(index: number): void {
    const item = this.items[index];
    this.close();
    item?.choose();
  }
}
