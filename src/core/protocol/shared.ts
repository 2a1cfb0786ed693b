import * as z from 'zod';

/**
 * Shapes both sides of the chat panel agree on (and the history store persists). Limits on sizes
 * keep a misbehaving webview from pushing megabytes through a field that holds a label.
 */
export const maxTextChars = 2_000_000;
const shortText = z.string().max(2_000);
const id = z.string().min(1).max(200);

export const llmActionSchema = z.enum(['retry', 'openSettings', 'setApiKey', 'selectModel', 'showLog']);

export const turnMetricsSchema = z.object({
  model: shortText,
  timeToFirstTokenMs: z.number().nonnegative().optional(),
  totalMs: z.number().nonnegative(),
  tokensIn: z.number().int().nonnegative(),
  tokensOut: z.number().int().nonnegative(),
  usageSource: z.enum(['server', 'estimate']),
});

export const turnSchema = z.object({
  id,
  /** 'notice': Tandem speaking (help text, trimming markers), never sent to the model. */
  role: z.enum(['user', 'assistant', 'notice']),
  text: z.string().max(maxTextChars),
  createdAt: z.number(),
  /** User turns: labels of the context that went with the message. */
  context: z.array(shortText).max(200).optional(),
  /** User turns: the slash command, without the slash. */
  command: shortText.optional(),
  status: z.enum(['streaming', 'done', 'stopped', 'error']).optional(),
  metrics: turnMetricsSchema.optional(),
  error: z.object({ message: z.string().max(10_000), actions: z.array(llmActionSchema).max(5) }).optional(),
  /** Visible notes about the prompt: history left out, context cut to the budget, a retry. */
  notes: z.array(z.string().max(2_000)).max(50).optional(),
});

export const contextKinds = [
  'selection', 'file', 'problems', 'openEditors', 'pasted', 'rules',
  /** A resource of one of the user's MCP servers. */
  'mcpResource',
  /** `#codebase` (ranked when the message is sent), then each snippet the index chose for it. */
  'codebase',
] as const;

export const contextChipSchema = z.object({
  id,
  kind: z.enum(contextKinds),
  label: shortText,
  /** Tooltip: full path, line range, why something is there. */
  detail: shortText.optional(),
  tokens: z.number().int().nonnegative(),
  enabled: z.boolean(),
});

export const conversationViewSchema = z.object({
  id,
  title: shortText,
  turns: z.array(turnSchema).max(10_000),
});

export const slashCommandInfoSchema = z.object({ name: shortText, description: shortText });

export type LlmActionName = z.infer<typeof llmActionSchema>;
export type TurnMetrics = z.infer<typeof turnMetricsSchema>;
export type Turn = z.infer<typeof turnSchema>;
export type ContextKind = (typeof contextKinds)[number];
export type ContextChip = z.infer<typeof contextChipSchema>;
export type ConversationView = z.infer<typeof conversationViewSchema>;
export type SlashCommandInfo = z.infer<typeof slashCommandInfoSchema>;
