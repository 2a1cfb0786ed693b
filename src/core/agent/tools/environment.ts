import type { OutboundGate } from '../../context';
import type { ShellCommandRequest, ShellCommandResult } from '../exec/runShellCommand';
import type { CommandVerdict } from '../safety/commandPolicy';
import type { ToolOutcome } from '../types';
import type { ToolPath } from '../safety/workspacePath';

// The tools' view of the safety rules and the command runner is their own types, so the two
// cannot drift apart (src/core/agent/safety, src/core/agent/exec).
export type ResolvedPath = ToolPath;
export type CommandJudgement = CommandVerdict;
export type ShellRunOptions = ShellCommandRequest;
export type ShellRunResult = ShellCommandResult;

/** What a user is asked before an edit or a command; the answer is yes or no. */
export interface ApprovalRequest {
  kind: 'command' | 'edit' | 'tool';
  /** The command line, the files an edit changes, or the extra tool's name. */
  subject: string;
  /** A diff, why the command needs approval, or the extra tool's arguments. */
  detail: string;
  destructive: boolean;
}

/** Asks the user; undefined when nobody can be asked (CI, --json, piped input): then it is refused. */
export type Approver = (request: ApprovalRequest) => Promise<boolean>;

/**
 * Everything the tools need from outside: the workspace, the gate, the safety rules, checkpoints,
 * the shell and the user. The CLI builds it over Node; the VS Code panel over the editor.
 */
export interface ToolEnvironment {
  root: string;
  gate: OutboundGate;
  /** Workspace containment (symlinks included) and the ignore/sensitive gate for a path the model wrote. */
  resolvePath(candidate: string, options: { forWrite: boolean }): Promise<ResolvedPath>;
  judgeCommand(command: string): CommandJudgement;
  /** Called before the agent first writes, creates or deletes a file in a step. */
  beforeWrite(step: number, relativePath: string): Promise<void>;
  /** Called once that write (or delete) is done, so a later edit by the user can be told apart. */
  afterWrite(step: number, relativePath: string): Promise<void>;
  runShell(options: ShellRunOptions): Promise<ShellRunResult>;
  approver: Approver | undefined;
  /** Edits are applied without asking (a checkpoint is taken first). */
  autoEdit: boolean;
  /** `tandem.tests.command` ('' = detected from the project). */
  testsCommand: string;
  /** Restricted Mode: only read-only tools run. */
  readOnly: boolean;
  /** Tools from outside the engine (MCP servers), offered next to the built-in ones. */
  extraTools?: ExtraToolProvider;
}

/** Per call: the step, cancellation, keep-alive progress and streamed command output. */
export interface ToolCallContext {
  step: number;
  signal: AbortSignal;
  progress: (message: string) => void;
  output: (text: string) => void;
  /** Characters the result may put in the prompt. */
  resultBudget: number;
}

/**
 * A tool that joins the built-in ones from outside the engine (MCP servers, an editor's own
 * tools). Its input is any JSON object, described by a JSON Schema; it asks for approval itself
 * (through `env.approver`) when it needs to.
 */
export interface ExtraTool {
  /** The function name the model calls: [A-Za-z0-9_-], at most 64 characters, unique. */
  name: string;
  description: string;
  /** JSON Schema of the arguments object. */
  inputSchema: Readonly<Record<string, unknown>>;
  /** Reads only: offered in untrusted folders, and a crash while it runs costs nothing to redo. */
  readOnly: boolean;
  run(args: Record<string, unknown>, ctx: ToolCallContext, env: ToolEnvironment): Promise<ToolOutcome>;
}

/** The extra tools for the next model turn (called before each one, so a server that became ready joins). */
export type ExtraToolProvider = (signal: AbortSignal) => Promise<readonly ExtraTool[]>;
