// The agent's vocabulary: tool calls and results, the events a front (CLI, VS Code panel) listens
// to, and why a task stopped. Plain data, JSON-safe: events are printed by `tandem agent --json`.

export type ToolName =
  | 'read_file' | 'list_files' | 'search' | 'apply_edits' | 'write_file' | 'delete_file'
  | 'run_command' | 'run_tests' | 'git_status' | 'git_diff' | 'get_problems';

/** A call the model made, as read from the native tool-call deltas or from the text protocol. */
export interface AgentToolCall {
  id: string;
  name: string;
  /** The arguments as the model wrote them (JSON text); validated against the tool's parameters. */
  arguments: string;
  /** A call that could not be read (text protocol): the message the model gets instead of a result. */
  error?: string;
}

/** What one tool call gave: `content` goes back to the model, `summary` to the user. */
export interface ToolOutcome {
  ok: boolean;
  content: string;
  summary: string;
  /** The call was refused (path outside, ignored file, denied or unapproved command). */
  refused?: boolean;
  /** Workspace-relative files this call wrote, created or deleted. */
  filesChanged?: string[];
  /** A command that ran (run_command / run_tests), with its exit code. */
  command?: { command: string; exitCode: number | null; durationMs: number };
  /** A unified diff of what an edit changed, for the front to show. */
  diff?: string;
}

export type StopReason = 'finished' | 'bound' | 'model' | 'cancelled' | 'error';

/** Which bound stopped a task. */
export type BoundName = 'steps' | 'tokens' | 'repeat' | 'errors';

export interface TaskSummary {
  steps: number;
  filesChanged: string[];
  commandsRun: Array<{ command: string; exitCode: number | null }>;
  tokens: { input: number; output: number };
}

export type AgentEvent =
  | { type: 'task'; taskId: string; resumed?: boolean }
  | { type: 'step'; step: number }
  | { type: 'progress'; step: number; message: string; elapsedMs?: number }
  | { type: 'text'; step: number; text: string }
  | { type: 'assistant'; step: number; text: string }
  | { type: 'protocol'; protocol: 'native' | 'text'; reason: string }
  /** Something the user should know that is not a step's result (e.g. a secret in their message was redacted). */
  | { type: 'notice'; message: string }
  | { type: 'toolCall'; step: number; id: string; name: string; arguments: unknown }
  | { type: 'approval'; step: number; kind: 'command' | 'edit' | 'tool'; subject: string; approved: boolean; reason: string }
  | { type: 'toolResult'; step: number; id: string; name: string; ok: boolean; refused: boolean; summary: string; durationMs: number; diff?: string; reused?: boolean }
  | { type: 'output'; step: number; id: string; text: string }
  | { type: 'condensed'; step: number; results: number; tokensBefore: number; tokensAfter: number }
  | { type: 'stop'; reason: StopReason; bound?: BoundName; message: string }
  | { type: 'summary'; summary: TaskSummary };

export type AgentEventSink = (event: AgentEvent) => void;
