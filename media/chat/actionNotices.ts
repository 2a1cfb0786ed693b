// Notices under the block an action came from: a refused Apply says why right where the user
// clicked, not only in a toast they may not see. Each action posted carries an id; the
// extension's `actionNotice` names it back.

const MAX_TRACKED = 200;
const anchors = new Map<string, HTMLElement>();
let next = 0;

/** Remembers where an action's notice goes (after `anchor`) and returns the id to post with it. */
export function trackAction(anchor: HTMLElement): string {
  const id = `action-${++next}`;
  anchors.set(id, anchor);
  // Only recent clicks can still be answered; old anchors are let go.
  if (anchors.size > MAX_TRACKED) anchors.delete(anchors.keys().next().value as string);
  return id;
}

/** Shows (or replaces) the notice under the action's anchor; ignored when the anchor is gone. */
export function showActionNotice(actionId: string, level: 'info' | 'warning', text: string): void {
  const anchor = anchors.get(actionId);
  if (!anchor?.isConnected) return;
  const existing = anchor.nextElementSibling;
  if (existing?.classList.contains('action-notice')) existing.remove();
  const notice = document.createElement('div');
  notice.className = `action-notice ${level}`;
  notice.setAttribute('role', level === 'warning' ? 'alert' : 'status');
  notice.textContent = text;
  anchor.after(notice);
}
