import type { ApprovalRequest } from '../../core/agent';
import type { AgentApproval } from '../../core/protocol';

export type ApprovalDecision = 'run' | 'always' | 'deny';

interface Waiting {
  approval: AgentApproval;
  resolve: (decision: ApprovalDecision) => void;
}

/**
 * The approval the agent waits for, one at a time (the engine runs a turn's calls in order). The
 * page shows it as a card; the answer comes back by id, so a stale click (a card from before a
 * reload, a double click) answers nothing. Stopping the task denies what is waiting.
 */
export class ApprovalQueue {
  private waiting: Waiting | undefined;
  private nextId = 1;

  constructor(private readonly show: (approval: AgentApproval | null) => void) {}

  get current(): AgentApproval | undefined {
    return this.waiting?.approval;
  }

  ask(request: ApprovalRequest, folder: string): Promise<ApprovalDecision> {
    this.waiting?.resolve('deny');
    return new Promise((resolve) => {
      const approval: AgentApproval = {
        id: `approval-${this.nextId++}`, kind: request.kind, subject: request.subject.slice(0, 4_000), detail: request.detail.slice(0, 200_000),
        folder, destructive: request.destructive,
      };
      this.waiting = { approval, resolve };
      this.show(approval);
    });
  }

  /** The user's answer; false when nothing with that id is waiting. "always" is never taken for a destructive command. */
  answer(id: string, decision: ApprovalDecision): boolean {
    const waiting = this.waiting;
    if (!waiting || waiting.approval.id !== id) return false;
    this.waiting = undefined;
    this.show(null);
    waiting.resolve(decision === 'always' && !canAlwaysAllow(waiting.approval) ? 'run' : decision);
    return true;
  }

  cancel(): void {
    const waiting = this.waiting;
    if (!waiting) return;
    this.waiting = undefined;
    this.show(null);
    waiting.resolve('deny');
  }
}

/**
 * "Always allow" is offered for plain commands only: never for a destructive one (the engine asks
 * for those every time) nor one with `*` (a literal star would widen into a glob of the allow list).
 */
export function canAlwaysAllow(request: { kind: 'command' | 'edit' | 'tool'; subject: string; destructive: boolean }): boolean {
  return request.kind === 'command' && !request.destructive && !request.subject.includes('*');
}

/** The pattern "Always allow this command" adds: the command itself (spaces normalised as the matcher does). */
export function allowPatternFor(command: string): string {
  return command.trim().replace(/\s+/g, ' ');
}
