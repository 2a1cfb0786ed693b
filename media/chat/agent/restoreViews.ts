import type { AgentCheckpoint, AgentRestoreResult } from '../../../src/core/protocol';
import { el } from '../dom';

export interface RestoreActions {
  openDiff(path: string, step: number): void;
  restore(step: number): void;
  undoRestore(snapshot: string): void;
}

/** The files a restore to `step` puts back: every file changed in that step or later. */
export function filesFrom(checkpoints: readonly AgentCheckpoint[], step: number): string[] {
  return [...new Set(checkpoints.filter((c) => c.step >= step).flatMap((c) => c.files))];
}

/**
 * "Restore to here" on a step that changed files: first a preview (the files that will change,
 * each opening its diff), then Restore, which the extension confirms in a modal dialog.
 */
export function restoreControl(step: number, checkpoints: () => readonly AgentCheckpoint[], actions: RestoreActions): HTMLElement {
  const preview = el('div', { className: 'agent-restore-preview' });
  preview.hidden = true;
  const toggle = el('button', { className: 'link-button agent-restore', text: 'Restore to here', attrs: { type: 'button', 'aria-expanded': 'false', title: `Put the files back as they were before step ${step}` } });
  toggle.addEventListener('click', () => {
    const open = preview.hidden;
    preview.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    if (!open) return;
    const files = filesFrom(checkpoints(), step);
    const list = el('ul');
    for (const file of files) {
      const diff = el('button', { className: 'link-button', text: file, attrs: { type: 'button', title: `Compare ${file} now with before step ${step}` } });
      diff.addEventListener('click', () => actions.openDiff(file, step));
      list.append(el('li', {}, [diff]));
    }
    const go = el('button', { text: 'Restore…', attrs: { type: 'button', 'data-action': 'restore' } });
    go.addEventListener('click', () => actions.restore(step));
    preview.replaceChildren(
      el('p', { text: `Restoring puts back ${files.length} file${files.length === 1 ? '' : 's'} as they were before step ${step}. Files you changed yourself since are kept and listed as conflicts.` }),
      list, go,
    );
  });
  return el('span', { className: 'agent-restore-control' }, [toggle, preview]);
}

/** What a restore did: files put back, removed, and conflicts kept as the user left them; with Undo. */
export function restoreResultCard(result: AgentRestoreResult, actions: RestoreActions): HTMLElement {
  const what = result.kind === 'undo' ? 'Restore undone' : `Restored to before step ${result.step}`;
  const lines = el('ul');
  for (const file of result.restored) lines.append(el('li', { text: `${file} — put back` }));
  for (const file of result.removed) lines.append(el('li', { text: `${file} — removed (the agent created it)` }));
  for (const conflict of result.conflicts) lines.append(el('li', { className: 'conflict', text: `${conflict.path} — kept as you left it: ${conflict.reason}` }));
  const nothing = result.restored.length + result.removed.length + result.conflicts.length === 0;
  const card = el('section', { className: 'agent-card agent-restored', attrs: { 'aria-label': what } }, [
    el('h3', { text: what }),
    nothing ? el('p', { text: 'Nothing needed changing: the files were already as they were.' }) : lines,
  ]);
  if (result.safetySnapshot && result.kind === 'restore') {
    const undo = el('button', { className: 'secondary', text: 'Undo restore', attrs: { type: 'button', 'data-action': 'undo-restore' } });
    undo.addEventListener('click', () => actions.undoRestore(result.safetySnapshot));
    card.append(undo);
  }
  return card;
}
