import type { AgentApproval } from '../../../src/core/protocol';
import { el } from '../dom';
import { renderDiff } from './toolCard';

export type ApprovalAnswer = 'run' | 'always' | 'deny';

/** Mirrors the extension's rule (approvals.ts): never "always" for destructive commands or ones with `*`. */
export function offersAlways(approval: AgentApproval): boolean {
  return approval.kind === 'command' && !approval.destructive && !approval.subject.includes('*');
}

/**
 * What the agent waits for: the command, the folder it runs in and why it needs approval, with
 * Run / Always allow this command / Deny (an edit: Apply / Reject, with its diff).
 */
export function approvalCard(approval: AgentApproval, answer: (decision: ApprovalAnswer) => void): HTMLElement {
  const command = approval.kind === 'command';
  const tool = approval.kind === 'tool';
  const title = command ? (approval.destructive ? 'Run this destructive command?' : 'Run this command?')
    : tool ? `Call the MCP tool ${approval.subject}?${approval.destructive ? ' (the server says it may change things)' : ''}` : `Apply this edit to ${approval.subject}?`;
  const buttons: HTMLButtonElement[] = [];
  const add = (label: string, decision: ApprovalAnswer, className: string, aria: string) => {
    const node = el('button', { className, text: label, attrs: { type: 'button', 'aria-label': aria, 'data-decision': decision } });
    node.addEventListener('click', () => {
      buttons.forEach((b) => { b.disabled = true; });
      answer(decision);
    });
    buttons.push(node);
  };
  add(command || tool ? 'Run' : 'Apply', 'run', '', command || tool ? `Run ${approval.subject}` : `Apply the edit to ${approval.subject}`);
  if (offersAlways(approval)) add('Always allow this command', 'always', 'secondary', `Run it and always allow ${approval.subject} in this workspace`);
  add(command || tool ? 'Deny' : 'Reject', 'deny', 'secondary', command || tool ? `Do not run ${approval.subject}` : 'Reject the edit');
  return el('section', { className: `agent-card agent-approval${approval.destructive ? ' destructive' : ''}`, attrs: { role: 'alertdialog', 'aria-label': title } }, [
    el('h3', { text: title }),
    command ? el('pre', { className: 'agent-args', text: `$ ${approval.subject}` }) : null,
    command ? el('p', { className: 'agent-approval-folder', text: `in ${approval.folder}` }) : null,
    command ? el('p', { className: 'agent-approval-why', text: approval.detail }) : tool ? el('pre', { className: 'agent-args', text: approval.detail }) : renderDiff(approval.detail),
    el('div', { className: 'agent-approval-actions' }, buttons),
  ]);
}
