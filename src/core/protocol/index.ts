import type * as z from 'zod';
import { webviewMessageSchema, type WebviewMessage } from './fromWebview';
import { extensionMessageSchema, type ExtensionMessage } from './toWebview';

export * from './shared';
export * from './agent';
export { webviewMessageSchema, type WebviewMessage } from './fromWebview';
export { extensionMessageSchema, type ExtensionMessage } from './toWebview';

export type Parsed<T> = { ok: true; message: T } | { ok: false; problem: string };

/** Validates a message from the webview; `problem` names the message type and the first issue. */
export function parseWebviewMessage(raw: unknown): Parsed<WebviewMessage> {
  return parseWith(webviewMessageSchema, raw);
}

/** Validates a message from the extension (used inside the webview). */
export function parseExtensionMessage(raw: unknown): Parsed<ExtensionMessage> {
  return parseWith(extensionMessageSchema, raw);
}

function parseWith<T>(schema: z.ZodType<T>, raw: unknown): Parsed<T> {
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, message: result.data };
  const type = typeof raw === 'object' && raw !== null && typeof (raw as { type?: unknown }).type === 'string'
    ? `'${(raw as { type: string }).type.slice(0, 40)}'`
    : 'without a type';
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
  return { ok: false, problem: `invalid message ${type}${where}: ${issue?.message ?? 'does not match the protocol'}` };
}
