import type { Approver, ToolEnvironment } from '../../../core/agent';
import { Checkpoints } from '../../../core/agent/checkpoints';
import { judgeCommand } from '../../../core/agent/safety/commandPolicy';
import { resolveToolPath } from '../../../core/agent/safety/workspacePath';
import type { OutboundGate } from '../../../core/context';
import type { ReviewService } from '../../edit/review/reviewApi';
import { AgentCommandRunner, type TerminalMode } from './commandRunner';
import { readProblems } from './problemsPort';
import { proposeThroughReview } from './reviewPort';
import type { ShellIntegrationTiming } from './shellIntegrationRunner';
import { unsavedTextOf } from './unsavedText';

export { agentTerminalName, type TerminalMode } from './commandRunner';

export interface VsCodeToolEnvironmentInput {
  root: string;
  gate: OutboundGate;
  taskDir: string;
  allowed: readonly string[];
  approver: Approver | undefined;
  autoEdit: boolean;
  testsCommand: string;
  readOnly: boolean;
  /** Tandem's diff review: with it (and autoEdit off) edits are proposed per hunk; without it the approver is asked yes or no. */
  review?: ReviewService;
  /** 'pseudoterminal' skips the shell integration (default 'auto'). */
  terminalMode?: TerminalMode;
  /** Shorter waits for tests. */
  terminalTiming?: Partial<ShellIntegrationTiming>;
}

/**
 * The agent's tools over VS Code: commands in a "Tandem Agent" terminal the user watches, open
 * editors' unsaved text read (and never overwritten), edits through the per-hunk review when they
 * are not auto-applied, the Problems as get_problems, checkpoints in the task's folder. `dispose`
 * closes the terminals (stopping what runs in them).
 */
export async function createVsCodeToolEnvironment(input: VsCodeToolEnvironmentInput): Promise<{ env: ToolEnvironment; dispose(): void }> {
  const { root, gate, review } = input;
  const checkpoints = new Checkpoints(input.taskDir, root);
  const runner = new AgentCommandRunner(root, input.terminalMode ?? 'auto', input.terminalTiming);
  const touched = async (): Promise<string[]> => [...new Set((await checkpoints.list()).flatMap((step) => step.files))];
  const env: ToolEnvironment = {
    root, gate, approver: input.approver, autoEdit: input.autoEdit, testsCommand: input.testsCommand, readOnly: input.readOnly,
    resolvePath: (candidate, options) => resolveToolPath(root, candidate, gate, options),
    judgeCommand: (command) => judgeCommand(command, { allowed: input.allowed, workspaceRoot: root }),
    beforeWrite: (step, relativePath) => checkpoints.beforeWrite(step, relativePath),
    afterWrite: (step, relativePath) => checkpoints.afterWrite(step, relativePath),
    runShell: (options) => runner.run(options),
    unsavedText: unsavedTextOf,
    problems: async (files, signal) => readProblems(root, files, await touched(), signal),
    ...(review ? { proposeEdits: (proposal) => proposeThroughReview(review, checkpoints, proposal) } : {}),
  };
  return { env, dispose: () => runner.dispose() };
}
