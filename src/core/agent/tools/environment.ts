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
  /**
   * Open editors (VS Code): the unsaved text of a file open with unsaved changes, else undefined.
   * Reads see that text; writes to such a file are refused so the user's unsaved work is never
   * overwritten. Absent (CLI): files are read from disk.
   */
  unsavedText?(absolute: string): string | undefined;
  /**
   * Shows proposed file contents to the user for a per-hunk decision (VS Code: Tandem's review),
   * writes what is accepted (with beforeWrite/afterWrite) and says what was rejected. Used when
   * edits are not auto-applied; absent (CLI), the approver is asked yes or no.
   */
  proposeEdits?(proposal: EditProposal): Promise<EditProposalOutcome>;
  /** Diagnostics of these workspace files (VS Code: the Problems view). Absent (CLI): no get_problems tool. */
  problems?(files: readonly ResolvedFile[] | undefined, signal: AbortSignal): Promise<ProblemsReport>;
  /** Tools from outside the engine (MCP servers), offered next to the built-in ones. */
  extraTools?: ExtraToolProvider;
}

export type ResolvedFile = Extract<ResolvedPath, { ok: true }>;

export interface ProposedFile {
  file: ResolvedFile;
  /** The text the change was computed against; undefined for a new file. */
  before: string | undefined;
  after: string;
}

export interface EditProposal {
  step: number;
  /** What the change does, shown with the review. */
  title: string;
  files: ProposedFile[];
  signal: AbortSignal;
}

export interface ProposedFileOutcome {
  relative: string;
  status: 'accepted' | 'partial' | 'rejected' | 'unchanged' | 'failed';
  acceptedHunks: number;
  rejectedHunks: number;
  /** The file's text after the decision (what was written), when it could be read. */
  written?: string;
  message?: string;
}

export interface EditProposalOutcome {
  files: ProposedFileOutcome[];
}

export interface Problem {
  /** Workspace-relative path. */
  path: string;
  severity: 'error' | 'warning' | 'info' | 'hint';
  /** 1-based. */
  line: number;
  column: number;
  message: string;
  source?: string;
  code?: string;
}

export interface ProblemsReport {
  problems: Problem[];
  /** The files that were asked about (touched by the agent, or named by the model). */
  scope: string;
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
