// Interim VS Code ToolEnvironment, built like the CLI's (Node child processes, the file system).
// Helper "agentvs" delivers the real one (terminal with shell integration, unsaved text, edits
// through Tandem's review, get_problems) with exactly this signature; the panel depends only on it.
import type { Approver, ToolEnvironment } from '../../../core/agent';
import { Checkpoints } from '../../../core/agent/checkpoints';
import { runShellCommand } from '../../../core/agent/exec/runShellCommand';
import { judgeCommand } from '../../../core/agent/safety/commandPolicy';
import { resolveToolPath } from '../../../core/agent/safety/workspacePath';
import type { OutboundGate } from '../../../core/context';

export interface VsCodeToolEnvironmentInput {
  root: string;
  gate: OutboundGate;
  taskDir: string;
  allowed: readonly string[];
  approver: Approver | undefined;
  autoEdit: boolean;
  testsCommand: string;
  readOnly: boolean;
}

export function createVsCodeToolEnvironment(input: VsCodeToolEnvironmentInput): Promise<{ env: ToolEnvironment; dispose(): void }> {
  const { root, gate } = input;
  const checkpoints = new Checkpoints(input.taskDir, root);
  const env: ToolEnvironment = {
    root, gate, approver: input.approver, autoEdit: input.autoEdit, testsCommand: input.testsCommand, readOnly: input.readOnly,
    resolvePath: (candidate, options) => resolveToolPath(root, candidate, gate, options),
    judgeCommand: (command) => judgeCommand(command, { allowed: input.allowed, workspaceRoot: root }),
    beforeWrite: (step, relativePath) => checkpoints.beforeWrite(step, relativePath),
    afterWrite: (step, relativePath) => checkpoints.afterWrite(step, relativePath),
    runShell: (options) => runShellCommand({ ...options, env: undefined }),
  };
  return Promise.resolve({ env, dispose: () => undefined });
}
