// An MCP tool result as text for the model: every content kind is accounted for (binary content
// as a note, never as base64), the whole cut to the budget with a visible marker, then redacted.
import { cutToBudget } from '../agent/contextBudget';
import { isRecord } from './config';

export interface FormattedResult {
  /** The tool said it failed (isError), or the result could not be read. */
  isError: boolean;
  text: string;
  /** One line for the user. */
  summary: string;
}

/** Formats a `tools/call` result; `redact` is the outbound gate's secret redaction. */
export function formatToolResult(result: unknown, budget: number, redact: (text: string) => string): FormattedResult {
  if (!isRecord(result)) return { isError: true, text: 'The server sent a result that is not an object.', summary: 'unreadable result' };
  const isError = result.isError === true;
  const parts: string[] = [];
  const content = Array.isArray(result.content) ? result.content : [];
  for (const block of content) parts.push(formatContentBlock(block));
  const hasText = content.some((b) => isRecord(b) && b.type === 'text');
  if (result.structuredContent !== undefined && !hasText) parts.push(`Structured result:\n${safeJson(result.structuredContent)}`);
  if (result.toolResult !== undefined && content.length === 0) parts.push(safeJson(result.toolResult));
  const whole = parts.join('\n').trim() || '(the tool returned no content)';
  const text = redact(cutToBudget(whole, Math.max(200, budget)));
  const kinds = describeKinds(content);
  const size = whole.length > budget ? `, ${whole.length.toLocaleString('en-US')} characters cut to ${budget.toLocaleString('en-US')}` : '';
  return { isError, text: isError ? `The tool reported an error:\n${text}` : text, summary: `${isError ? 'error' : 'ok'}: ${kinds}${size}` };
}

/** One content block as text for a model; binary content becomes a note (tool results, prompt messages). */
export function formatContentBlock(block: unknown): string {
  if (!isRecord(block)) return '[unreadable content block]';
  switch (block.type) {
    case 'text': return typeof block.text === 'string' ? block.text : '';
    case 'image':
    case 'audio':
      return `[${block.type} ${String(block.mimeType ?? '')}, ${approximateBytes(block.data)} — not shown to the model]`;
    case 'resource_link':
      return `[resource link: ${String(block.uri ?? '')}${block.name ? ` (${String(block.name)})` : ''}${block.description ? ` — ${String(block.description)}` : ''}]`;
    case 'resource': {
      const resource = isRecord(block.resource) ? block.resource : {};
      const uri = String(resource.uri ?? '');
      if (typeof resource.text === 'string') return `[resource ${uri}${resource.mimeType ? ` (${String(resource.mimeType)})` : ''}]\n${resource.text}`;
      return `[resource ${uri}: ${String(resource.mimeType ?? 'binary')}, ${approximateBytes(resource.blob)} — not shown to the model]`;
    }
    default:
      return `[content of type ${JSON.stringify(block.type)} — not shown]`;
  }
}

function describeKinds(content: unknown[]): string {
  const counts = new Map<string, number>();
  for (const block of content) {
    const type = isRecord(block) && typeof block.type === 'string' ? block.type : 'unknown';
    counts.set(type, (counts.get(type) ?? 0) + 1);
  }
  if (counts.size === 0) return 'no content';
  return [...counts].map(([type, n]) => (n === 1 ? type : `${n} ${type}`)).join(', ');
}

export function approximateBytes(base64: unknown): string {
  if (typeof base64 !== 'string') return 'no data';
  const bytes = Math.floor((base64.length * 3) / 4);
  return bytes >= 1_048_576 ? `${(bytes / 1_048_576).toFixed(1)} MB` : bytes >= 1024 ? `${Math.round(bytes / 1024)} KB` : `${bytes} bytes`;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}
