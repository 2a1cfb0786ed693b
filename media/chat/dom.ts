/** Small DOM helpers: every element is built with text content, never from HTML strings. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: { className?: string; text?: string; attrs?: Record<string, string> } = {},
  children: Array<Node | null | undefined> = [],
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.className) node.className = props.className;
  if (props.text !== undefined) node.textContent = props.text;
  for (const [name, value] of Object.entries(props.attrs ?? {})) node.setAttribute(name, value);
  for (const child of children) if (child) node.append(child);
  return node;
}

/** A button with a visible label and an accessible name (which may say more than the label). */
export function button(label: string, ariaLabel: string, className: string, onClick: () => void): HTMLButtonElement {
  const node = el('button', { className, text: label, attrs: { type: 'button', 'aria-label': ariaLabel, title: ariaLabel } });
  node.addEventListener('click', onClick);
  return node;
}

export function byId<T extends HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`#${id} is missing from the chat page`);
  return node as T;
}

/** "850 ms", "1.2 s", "1 min 5 s". */
export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1_000)} s`;
}
