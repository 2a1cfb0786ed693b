// MCP resources and prompts as the chat uses them: a resource becomes a context item (text, or a
// note for binary content), a prompt's messages become the text of a chat turn. Neither is
// redacted or budgeted here: context items and questions pass the chat prompt's one gate
// (secret redaction, then the budget cut with its marker) like every other context.
import type { ContextItem } from '../chat/contextSet';
import type { GetPromptResult, McpPromptArgument, McpPromptInfo, ReadResourceResult } from './catalog';
import { isRecord } from './config';
import { approximateBytes, formatContentBlock } from './results';

export type ResourceContextItem = Omit<ContextItem, 'enabled'>;

/** Like a workspace file: more than this is not kept in memory (the prompt budget cuts far earlier). */
export const maxResourceChars = 1_000_000;

/** A read resource as a context chip; `redact` removes the secret values the server was started with. */
export function resourceContextItem(server: string, uri: string, name: string | undefined, result: ReadResourceResult, redact: (text: string) => string): ResourceContextItem {
  const contents = Array.isArray(result.contents) ? result.contents : [];
  const parts: string[] = [];
  let binary = 0;
  for (const content of contents) {
    const header = contents.length > 1 ? `--- ${content.uri} ---\n` : '';
    if ('text' in content && typeof content.text === 'string') parts.push(`${header}${content.text}`);
    else {
      binary++;
      const blob = 'blob' in content ? content.blob : undefined;
      parts.push(`${header}[binary resource ${content.uri}: ${content.mimeType ?? 'unknown type'}, ${approximateBytes(blob)} — not shown to the model]`);
    }
  }
  const whole = parts.join('\n\n') || `[the server returned no content for ${uri}]`;
  const kept = capText(whole, maxResourceChars);
  const label = `${server}: ${name || lastSegment(uri) || uri}`;
  const mimeType = contents.length === 1 ? contents[0]?.mimeType : undefined;
  const notes = [
    binary > 0 ? `${binary === contents.length ? 'binary' : `${binary} binary part${binary === 1 ? '' : 's'}`}, attached as a note` : '',
    kept.length < whole.length ? `first ${maxResourceChars.toLocaleString('en-US')} of ${whole.length.toLocaleString('en-US')} characters` : '',
  ].filter(Boolean);
  const language = languageOf(mimeType, uri);
  return {
    id: `mcp:${server}:${uri}`, kind: 'mcpResource', label: label.slice(0, 200),
    detail: `MCP resource ${uri} from ${server}${notes.length ? ` (${notes.join('; ')})` : ''}`.slice(0, 2_000),
    text: redact(kept),
    // Its name picks the secret rules (a resource named .env is redacted as one).
    path: lastSegment(uri) || uri,
    ...(language ? { language } : {}),
  };
}

export interface PromptTurn {
  /** What the user turn shows and the model receives as the question. */
  text: string;
  /** Resources embedded in the prompt's messages: attached as context chips. */
  resources: Array<{ uri: string; item: ResourceContextItem }>;
}

/** A prompt's messages as one chat turn; `rest` is what the user typed after the command. */
export function promptTurn(prompt: McpPromptInfo, result: GetPromptResult, rest: string, redact: (text: string) => string): PromptTurn {
  const messages = Array.isArray(result.messages) ? result.messages : [];
  const mixedRoles = messages.some((m) => m.role !== 'user');
  const resources: PromptTurn['resources'] = [];
  const parts = messages.map((message) => {
    const content: unknown = message.content;
    let text: string;
    if (isRecord(content) && content.type === 'resource' && isRecord(content.resource) && typeof content.resource.uri === 'string') {
      const embedded = content.resource as ReadResourceResult['contents'][number];
      resources.push({ uri: embedded.uri, item: resourceContextItem(prompt.server, embedded.uri, undefined, { contents: [embedded] }, redact) });
      text = `[resource ${embedded.uri}, attached as context]`;
    } else {
      text = formatContentBlock(content);
    }
    // The prompt's own roles stay visible when it plays both sides of a conversation.
    return mixedRoles ? `${message.role === 'user' ? 'User' : 'Assistant'}: ${text}` : text;
  });
  const body = parts.join('\n\n').trim() || `(the prompt "${prompt.name}" has no messages)`;
  return { text: redact(rest ? `${body}\n\n${rest}` : body), resources };
}

/** Asks for one argument's value; undefined: the user cancelled. */
export type ArgumentAsker = (argument: McpPromptArgument, index: number, total: number) => Promise<string | undefined>;

/** Every argument asked for in order; a cancelled question, or an empty required one, stops with the reason. */
export async function collectPromptArguments(prompt: McpPromptInfo, ask: ArgumentAsker): Promise<{ values: Record<string, string> } | { cancelled: string }> {
  const values: Record<string, string> = {};
  for (const [index, argument] of prompt.arguments.entries()) {
    const answer = await ask(argument, index, prompt.arguments.length);
    if (answer === undefined) return { cancelled: `/${prompt.command} was not sent: no value was given for "${argument.name}".` };
    const value = answer.trim();
    if (!value && argument.required) return { cancelled: `/${prompt.command} was not sent: "${argument.name}" is required.` };
    if (value) values[argument.name] = value;
  }
  return { values };
}

function capText(text: string, max: number): string {
  if (text.length <= max) return text;
  // At a line end when there is one near: half a line (or half a key) helps nobody.
  const lineEnd = text.lastIndexOf('\n', max);
  return text.slice(0, lineEnd > max * 0.9 ? lineEnd : max);
}

function lastSegment(uri: string): string {
  const path = uri.replace(/[?#].*$/, '').replace(/\/+$/, '');
  const segment = path.slice(path.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

const languages: Record<string, string> = {
  'text/markdown': 'markdown', 'application/json': 'json', 'text/html': 'html', 'text/css': 'css', 'text/csv': 'csv',
  'application/xml': 'xml', 'text/xml': 'xml', 'application/yaml': 'yaml', 'text/yaml': 'yaml', 'application/javascript': 'javascript',
  'text/javascript': 'javascript', 'application/typescript': 'typescript', 'text/x-python': 'python', 'application/sql': 'sql',
};

function languageOf(mimeType: string | undefined, uri: string): string | undefined {
  if (mimeType && languages[mimeType]) return languages[mimeType];
  return /\.(\w{1,10})$/.exec(lastSegment(uri))?.[1];
}
