import type { ContextChip } from '../../src/core/protocol';
import { button, el } from './dom';
import { post } from './vscodeApi';

const kindNames: Record<ContextChip['kind'], string> = {
  selection: 'Selection',
  file: 'File',
  problems: 'Problems',
  openEditors: 'Open editors',
  pasted: 'Pasted text',
  rules: 'Rules file',
  mcpResource: 'MCP resource',
  codebase: 'From the codebase index',
};

/**
 * The context chips above the input, each with its token count. The selection and rules files
 * are switched on and off (they follow the editor and the workspace); attachments are removed.
 */
export function renderChips(root: HTMLElement, chips: readonly ContextChip[]): void {
  root.replaceChildren(...chips.map(chipElement));
  root.hidden = chips.length === 0;
}

function chipElement(chip: ContextChip): HTMLElement {
  const tokens = `${chip.tokens.toLocaleString('en-US')} tokens`;
  const title = [chip.detail ?? chip.label, tokens, chip.enabled ? undefined : 'left out of the next message'].filter(Boolean).join(' · ');
  const label = el('span', { className: 'chip-label', text: chip.label });
  const count = el('span', { className: 'chip-tokens', text: formatTokens(chip.tokens), attrs: { 'aria-hidden': 'true' } });
  const item = el('li', { className: `chip kind-${chip.kind}${chip.enabled ? '' : ' off'}`, attrs: { 'data-chip-id': chip.id, title } });
  if (chip.kind === 'selection' || chip.kind === 'rules') {
    const toggle = el('button', {
      className: 'chip-main',
      attrs: {
        type: 'button', 'aria-pressed': String(chip.enabled),
        'aria-label': `${kindNames[chip.kind]} ${chip.label}, ${tokens}, ${chip.enabled ? 'attached; press to leave it out' : 'left out; press to attach'}`,
      },
    }, [label, count]);
    toggle.addEventListener('click', () => post({ type: 'toggleContext', id: chip.id }));
    item.append(toggle);
  } else {
    // A snippet the index chose says why (its score and reason) on the chip itself, not only in the tooltip.
    const why = chip.kind === 'codebase' && chip.detail ? [el('span', { className: 'chip-why', text: chip.detail })] : [];
    item.append(el('span', { className: 'chip-main', attrs: { 'aria-label': `${kindNames[chip.kind]} ${chip.label}${chip.kind === 'codebase' && chip.detail ? ` (${chip.detail})` : ''}, ${tokens}` } }, [label, ...why, count]));
    item.append(button('×', `Remove ${chip.label}`, 'chip-remove', () => post({ type: 'removeContext', id: chip.id })));
  }
  return item;
}

function formatTokens(tokens: number): string {
  return tokens >= 10_000 ? `${Math.round(tokens / 1_000)}k` : tokens >= 1_000 ? `${(tokens / 1_000).toFixed(1)}k` : String(tokens);
}
