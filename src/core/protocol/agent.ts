import * as z from 'zod';

/**
 * Agent mode's messages between the chat panel and the extension. The events mirror the engine's
 * `AgentEvent` (src/core/agent/types.ts); every text in them comes from the model or a tool and is
 * rendered as text only. Sizes are capped so a runaway command cannot push megabytes at once.
 */
const text = z.string().max(200_000);
const label = z.string().max(4_000);
const callId = z.string().min(1).max(200);
const step = z.number().int().nonnegative();
const path = z.string().min(1).max(4_096);

export const agentModeSchema = z.enum(['ask', 'agent']);
export type AgentMode = z.infer<typeof agentModeSchema>;

export const agentEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('task'), taskId: label, resumed: z.boolean().optional() }),
  z.object({ type: z.literal('user'), text }),
  z.object({ type: z.literal('step'), step }),
  z.object({ type: z.literal('assistant'), step, text }),
  z.object({ type: z.literal('protocol'), protocol: z.enum(['native', 'text']), reason: label }),
  z.object({ type: z.literal('notice'), message: label }),
  z.object({ type: z.literal('toolCall'), step, id: callId, name: label, arguments: z.unknown() }),
  z.object({
    type: z.literal('approval'), step, kind: z.enum(['command', 'edit', 'tool']), subject: label, approved: z.boolean(), reason: label,
    /** How the user answered: 'always' adds the command to the allowed ones. */
    decision: z.enum(['run', 'always', 'deny', 'auto']).optional(),
  }),
  z.object({
    type: z.literal('toolResult'), step, id: callId, name: label, ok: z.boolean(), refused: z.boolean(), summary: label,
    durationMs: z.number().nonnegative(), diff: text.optional(), reused: z.boolean().optional(),
    filesChanged: z.array(path).max(1_000).optional(),
    command: z.object({ command: label, exitCode: z.number().int().nullable() }).optional(),
  }),
  /** Command output, batched; `omitted` counts characters the host dropped from the middle of a long run. */
  z.object({ type: z.literal('output'), step, id: callId, text, omitted: z.number().int().nonnegative().optional() }),
  z.object({ type: z.literal('condensed'), step, results: z.number().int(), tokensBefore: z.number(), tokensAfter: z.number() }),
  z.object({
    type: z.literal('stop'), reason: z.enum(['finished', 'bound', 'model', 'cancelled', 'error', 'interrupted']),
    bound: z.enum(['steps', 'tokens', 'repeat', 'errors']).optional(), message: text,
    /** The limit that stopped it (steps or tokens), for "Continue with a higher limit". */
    limit: z.number().int().positive().optional(),
  }),
  z.object({
    type: z.literal('summary'),
    summary: z.object({
      steps: z.number().int().nonnegative(),
      filesChanged: z.array(path).max(10_000),
      commandsRun: z.array(z.object({ command: label, exitCode: z.number().int().nullable() })).max(10_000),
      tokens: z.object({ input: z.number().int().nonnegative(), output: z.number().int().nonnegative() }),
    }),
  }),
]);
export type AgentPanelEvent = z.infer<typeof agentEventSchema>;

export const agentStatusSchema = z.object({
  running: z.boolean(),
  step: z.number().int().nonnegative(),
  maxSteps: z.number().int().positive(),
  tokens: z.number().int().nonnegative(),
  /** What is happening now ("waiting for the model", "running npm test"); the page ticks its elapsed time. */
  activity: label,
  /** How long the activity has been going when this was sent. */
  activityMs: z.number().nonnegative(),
});
export type AgentStatus = z.infer<typeof agentStatusSchema>;

export const agentCheckpointSchema = z.object({ step: z.number().int().positive(), files: z.array(path).max(10_000) });
export type AgentCheckpoint = z.infer<typeof agentCheckpointSchema>;

export const agentRestoreResultSchema = z.object({
  step: z.number().int().nonnegative(),
  /** 'undo': an undo of an earlier restore. */
  kind: z.enum(['restore', 'undo']),
  restored: z.array(path).max(10_000),
  removed: z.array(path).max(10_000),
  conflicts: z.array(z.object({ path, reason: label })).max(10_000),
  safetySnapshot: z.string().max(200),
});
export type AgentRestoreResult = z.infer<typeof agentRestoreResultSchema>;

export const agentApprovalSchema = z.object({
  id: callId,
  kind: z.enum(['command', 'edit', 'tool']),
  /** The command line, or the file(s) an edit changes. */
  subject: label,
  /** Why it needs approval, or the diff of the edit. */
  detail: text,
  folder: path,
  destructive: z.boolean(),
});
export type AgentApproval = z.infer<typeof agentApprovalSchema>;

export const agentTaskViewSchema = z.object({
  id: label,
  task: text,
  status: z.enum(['running', 'finished', 'bound', 'model', 'cancelled', 'error', 'interrupted']),
  events: z.array(agentEventSchema).max(100_000),
  checkpoints: z.array(agentCheckpointSchema).max(10_000),
  restores: z.array(agentRestoreResultSchema).max(1_000),
});
export type AgentTaskView = z.infer<typeof agentTaskViewSchema>;

/** Extension -> page. */
export const agentToWebviewMessages = [
  /** The mode and whether the workspace is restricted (read-only tools only). */
  z.object({ type: z.literal('agentMode'), mode: agentModeSchema, readOnly: z.boolean() }),
  /** The whole task (on load, on resume, on a new task: null). */
  z.object({ type: z.literal('agentTask'), task: agentTaskViewSchema.nullable() }),
  z.object({ type: z.literal('agentEvents'), taskId: label, events: z.array(agentEventSchema).max(10_000) }),
  z.object({ type: z.literal('agentStatus'), taskId: label, status: agentStatusSchema }),
  z.object({ type: z.literal('agentApproval'), taskId: label, approval: agentApprovalSchema.nullable() }),
  z.object({ type: z.literal('agentCheckpoints'), taskId: label, checkpoints: z.array(agentCheckpointSchema).max(10_000) }),
  z.object({ type: z.literal('agentRestored'), taskId: label, result: agentRestoreResultSchema }),
  z.object({ type: z.literal('agentNotice'), level: z.enum(['info', 'warning']), text: label }),
] as const;

/** Page -> extension. */
export const agentFromWebviewMessages = [
  z.object({ type: z.literal('agentSetMode'), mode: agentModeSchema }),
  /** A new task, or a follow-up to the task shown when it is not running. */
  z.object({ type: z.literal('agentSend'), text: z.string().min(1).max(200_000) }),
  z.object({ type: z.literal('agentStop') }),
  z.object({ type: z.literal('agentNewTask') }),
  z.object({ type: z.literal('agentApprove'), id: callId, decision: z.enum(['run', 'always', 'deny']) }),
  /** Resume a stopped or interrupted task; `raise` doubles the bound that stopped it for this run. */
  z.object({ type: z.literal('agentContinue'), raise: z.boolean() }),
  z.object({ type: z.literal('agentRestore'), step: z.number().int().positive() }),
  z.object({ type: z.literal('agentUndoRestore'), snapshot: z.string().min(1).max(200) }),
  /** Opens the diff of a file against its checkpoint from before `step` (the first change when absent). */
  z.object({ type: z.literal('agentOpenDiff'), path, step: z.number().int().positive().optional() }),
] as const;
