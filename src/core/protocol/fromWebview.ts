import * as z from 'zod';
import { agentFromWebviewMessages } from './agent';
import { llmActionSchema, maxTextChars } from './shared';

/**
 * Every message the chat webview may send to the extension. The webview renders model output, so
 * it is treated as untrusted: anything that does not match is logged and dropped.
 */
const requestId = z.number().int().nonnegative();
const pathText = z.string().min(1).max(4_096);
const actionId = z.string().min(1).max(100);

export const webviewMessageSchema = z.discriminatedUnion('type', [
  /** The page loaded (or reloaded) and wants the whole state. */
  z.object({ type: z.literal('ready') }),
  /** `editing`: the text replaces the last user message (edit-and-resend). */
  z.object({ type: z.literal('send'), text: z.string().min(1).max(maxTextChars), editing: z.boolean() }),
  z.object({ type: z.literal('stop') }),
  z.object({ type: z.literal('regenerate') }),
  z.object({ type: z.literal('newChat') }),
  z.object({ type: z.literal('toggleContext'), id: z.string().min(1).max(200) }),
  z.object({ type: z.literal('removeContext'), id: z.string().min(1).max(200) }),
  z.object({ type: z.literal('addFile'), path: pathText }),
  z.object({ type: z.literal('addProblems') }),
  z.object({ type: z.literal('addOpenEditors') }),
  /** `#codebase`: the workspace index's best snippets for the message, chosen when it is sent. */
  z.object({ type: z.literal('addCodebase') }),
  z.object({ type: z.literal('addPasted'), text: z.string().min(1).max(maxTextChars) }),
  z.object({ type: z.literal('searchFiles'), requestId, query: z.string().max(500) }),
  /** The `#` picker asks for the MCP servers' resources matching the query (answered by `mcpResourceResults`). */
  z.object({ type: z.literal('searchMcpResources'), requestId, query: z.string().max(500) }),
  z.object({ type: z.literal('addMcpResource'), server: z.string().min(1).max(200), uri: z.string().min(1).max(8_192) }),
  /** The `/` picker asks for the MCP servers' prompts (answered by `mcpPrompts`). */
  z.object({ type: z.literal('listMcpPrompts') }),
  z.object({
    type: z.literal('codeAction'),
    action: z.enum(['copy', 'insert', 'apply']),
    code: z.string().max(maxTextChars),
    language: z.string().max(100).optional(),
    /** The file a fence names (```ts src/a.ts); Apply targets it. */
    path: pathText.optional(),
    /** Names the clicked block, so a refusal is shown under it (an `actionNotice`). */
    actionId: actionId.optional(),
  }),
  /** "Apply All Edits" on an answer: every edit in it, for every file it names, into one review. */
  z.object({ type: z.literal('applyAnswer'), turnId: z.string().min(1).max(200), actionId: actionId.optional() }),
  z.object({ type: z.literal('openLink'), href: z.string().min(1).max(8_192) }),
  z.object({ type: z.literal('errorAction'), action: llmActionSchema }),
  /** Answer to `requestSnapshot`: what the panel shows, as text (tests and diagnostics). */
  z.object({
    type: z.literal('snapshot'), requestId,
    transcript: z.string().max(maxTextChars), input: z.string().max(maxTextChars), chips: z.array(z.string().max(2_000)).max(500),
  }),
  /** Something went wrong inside the webview (e.g. an invalid message from us): for the log. */
  z.object({ type: z.literal('log'), level: z.enum(['info', 'warn', 'error']), message: z.string().max(10_000) }),
  ...agentFromWebviewMessages,
]);

export type WebviewMessage = z.infer<typeof webviewMessageSchema>;
