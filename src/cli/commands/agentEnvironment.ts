import type { Approver, ToolEnvironment } from '../../core/agent';
import { Checkpoints } from '../../core/agent/checkpoints';
import { judgeCommand } from '../../core/agent/safety/commandPolicy';
import type { OutboundGate } from '../../core/context';
import { resolveToolPath } from '../../core/agent/safety/workspacePath';
import { runShellCommand } from '../../core/agent/exec/runShellCommand';

export interface AgentEnvironmentInput {
  root: string;
  gate: OutboundGate;
  taskDir: string;
  allowed: readonly string[];
  approver: Approver | undefined;
  autoEdit: boolean;
  testsCommand: string;
}

/** The agent's tools over Node: the safety rules, checkpoints in the task's folder, child processes. */
export async function buildAgentEnvironment(input: AgentEnvironmentInput): Promise<ToolEnvironment> {
  const { root, gate } = input;
  const checkpoints = new Checkpoints(input.taskDir, root);
  return {
    root, gate, approver: input.approver, autoEdit: input.autoEdit, testsCommand: input.testsCommand, readOnly: false,
    resolvePath: (candidate, options) => resolveToolPath(root, candidate, gate, options),
    judgeCommand: (command) => judgeCommand(command, { allowed: input.allowed, workspaceRoot: root }),
    beforeWrite: (step, relativePath) => checkpoints.beforeWrite(step, relativePath),
    afterWrite: (step, relativePath) => checkpoints.afterWrite(step, relativePath),
    runShell: (options) => runShellCommand({ ...options, env: undefined }),
  };
}
