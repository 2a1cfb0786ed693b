import * as z from 'zod';
import { agentToWebviewMessages } from './agent';
import { contextChipSchema, conversationViewSchema, slashCommandInfoSchema, turnSchema } from './shared';

/** Every message the extension sends to the chat webview (validated there too, then rendered). */
export const extensionMessageSchema = z.discriminatedUnion('type', [
  /** The whole panel: sent on `ready`, on New Chat and when a conversation is reopened. */
  z.object({
    type: z.literal('state'),
    conversation: conversationViewSchema,
    chips: z.array(contextChipSchema).max(500),
    busy: z.boolean(),
    model: z.string().max(500),
    commands: z.array(slashCommandInfoSchema).max(50),
  }),
  z.object({ type: z.literal('turnAdded'), turn: turnSchema }),
  /** A turn's final (or changed) form: status, metrics, error, notes and full text. */
  z.object({ type: z.literal('turnUpdated'), turn: turnSchema }),
  z.object({ type: z.literal('turnsRemoved'), ids: z.array(z.string()).max(10_000) }),
  /** Streamed answer text, batched (about every 50 ms). */
  z.object({ type: z.literal('delta'), turnId: z.string(), text: z.string() }),
  z.object({ type: z.literal('busy'), busy: z.boolean() }),
  z.object({ type: z.literal('chips'), chips: z.array(contextChipSchema).max(500) }),
  z.object({ type: z.literal('model'), model: z.string().max(500) }),
  z.object({
    type: z.literal('fileResults'), requestId: z.number().int().nonnegative(),
    items: z.array(z.object({ path: z.string().max(4_096), description: z.string().max(4_096) })).max(200),
  }),
  z.object({
    type: z.literal('mcpResourceResults'), requestId: z.number().int().nonnegative(),
    items: z.array(z.object({ server: z.string().max(200), uri: z.string().max(8_192), name: z.string().max(2_000), description: z.string().max(4_096) })).max(200),
  }),
  /** The MCP servers' prompts as slash commands (`mcp.<server>.<prompt>`). */
  z.object({ type: z.literal('mcpPrompts'), commands: z.array(slashCommandInfoSchema).max(2_000) }),
  z.object({ type: z.literal('focusInput') }),
  /** What came of a code block's or an answer's action (a refused Apply and why), shown under it. */
  z.object({ type: z.literal('actionNotice'), actionId: z.string().min(1).max(100), level: z.enum(['info', 'warning']), text: z.string().max(4_000) }),
  z.object({ type: z.literal('requestSnapshot'), requestId: z.number().int().nonnegative() }),
  ...agentToWebviewMessages,
]);

export type ExtensionMessage = z.infer<typeof extensionMessageSchema>;
