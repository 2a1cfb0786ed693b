import { exampleCall, textToolList, type ToolSpec } from '../tools/definitions';
import { extraToolList, type ExtraTool } from '../tools/extraTools';
import { extractJsonObject } from './lenientJson';

/** A call read from a reply: the tool name and its arguments as JSON text. */
export interface TextCall {
  name: string;
  arguments: string;
}

export interface TextReply {
  /** The prose before the first call (the model's explanation). */
  text: string;
  calls: TextCall[];
  /** Attempts at a call that could not be read, each a precise message for the model. */
  errors: string[];
}

/** How the text protocol is explained to a model without native tools (kept short: token budget). */
export function textProtocolInstructions(specs: readonly ToolSpec[], extraTools: readonly ExtraTool[] = []): string {
  const example = specs.find((s) => s.name === 'read_file') ?? specs[0];
  return [
    'You can use these tools:',
    textToolList(specs),
    ...(extraTools.length ? [extraToolList(extraTools)] : []),
    '',
    'To call a tool, write exactly this (JSON inside the tags), then stop and wait for the result:',
    '<tool_call>',
    example ? exampleCall(example) : '{"name": "...", "arguments": {}}',
    '</tool_call>',
    'You may write several <tool_call> blocks in one reply. When the task is done, answer without any tool call.',
  ].join('\n');
}

/** The example a malformed call is answered with. */
export function textCallExample(specs: readonly ToolSpec[]): string {
  const spec = specs.find((s) => s.name === 'read_file') ?? specs[0];
  return `<tool_call>\n${spec ? exampleCall(spec) : '{"name": "read_file", "arguments": {"path": "src/index.ts"}}'}\n</tool_call>`;
}

/**
 * Reads tool calls from a reply in the text protocol, accepting the ways small models get it
 * wrong: `<tool_call>` with JSON (closing tag missing, JSON in a fence, trailing commas, a
 * missing last brace), a fenced JSON object with `name`/`tool` and `arguments`/`parameters`,
 * XML-ish tags (`<read_file><path>a.ts</path></read_file>`, `<function=read_file>`), and prose
 * before or after. Calls are found in order; text that only looks like a call is left as text.
 */
export function parseTextReply(reply: string, specs: readonly ToolSpec[]): TextReply {
  const names = new Set(specs.map((s) => s.name as string));
  const found: Array<{ at: number; call?: TextCall; error?: string }> = [];
  const claimed: Array<[number, number]> = [];
  const free = (at: number) => !claimed.some(([a, b]) => at >= a && at < b);

  for (const block of taggedBlocks(reply, /<tool_call>/gi, /<\/tool_call>/i, /<tool_call>/i)) {
    // `<tool_call><read_file>…` is read by the XML-ish pass below.
    if (/^\s*<[\w=-]+/.test(block.body)) continue;
    claimed.push([block.start, block.end]);
    found.push({ at: block.start, ...readJsonCall(stripFence(block.body), names, specs) });
  }
  for (const block of taggedBlocks(reply, /<function=([\w-]+)>/gi, /<\/function>/i, /<function=/i)) {
    if (!free(block.start)) continue;
    claimed.push([block.start, block.end]);
    found.push({ at: block.start, ...readTaggedArgs(block.name ?? '', block.body, names, specs, /<parameter=([\w-]+)>/gi, '</parameter>') });
  }
  const toolTag = new RegExp(`<(${[...names].join('|')})(\\s[^>]*)?>`, 'gi');
  for (const block of taggedBlocks(reply, toolTag, undefined, toolTag)) {
    if (!free(block.start)) continue;
    claimed.push([block.start, block.end]);
    found.push({ at: block.start, ...readTaggedArgs(block.name ?? '', block.body, names, specs, /<([\w-]+)>/g, undefined, block.attributes) });
  }
  for (const fence of reply.matchAll(/```[\w-]*[ \t]*\n([\s\S]*?)(?:```|$)/g)) {
    const at = fence.index ?? 0;
    if (!free(at) || !/^\s*\{/.test(fence[1] ?? '') || !/"(name|tool|function)"\s*:/.test(fence[1] ?? '')) continue;
    claimed.push([at, at + fence[0].length]);
    const read = readJsonCall(fence[1] ?? '', names, specs);
    // A fenced object naming no known tool is an example, not a call.
    if (read.call || names.has(canonicalToolName(String(nameIn(fence[1] ?? '')), names))) found.push({ at, ...read });
  }
  for (const match of reply.matchAll(/\{\s*"(?:name|tool)"\s*:\s*"([\w-]+)"/g)) {
    const at = match.index ?? 0;
    if (!free(at) || !names.has(canonicalToolName(match[1] ?? '', names))) continue;
    // Bare JSON in prose is a call only with its arguments: `{"name": "search", "version": 2}` is a package.
    const object = extractJsonObject(reply, at);
    if (!object || !('value' in object) || !['arguments', 'parameters', 'args', 'input'].some((key) => key in object.value)) continue;
    const read = readJsonCall(reply.slice(at), names, specs, true);
    claimed.push([at, at + (read.length ?? match[0].length)]);
    found.push({ at, ...read });
  }

  found.sort((a, b) => a.at - b.at);
  const first = found[0]?.at ?? reply.length;
  return {
    text: reply.slice(0, first).trim(),
    calls: found.flatMap((f) => (f.call ? [f.call] : [])),
    errors: found.flatMap((f) => (f.error ? [f.error] : [])),
  };
}

interface TaggedBlock {
  start: number;
  end: number;
  body: string;
  name?: string;
  attributes?: string;
}

/** Blocks opened by `open`, ending at `close`, at the next opening tag, or at the end of the reply. */
function taggedBlocks(text: string, open: RegExp, close: RegExp | undefined, nextOpen: RegExp): TaggedBlock[] {
  const blocks: TaggedBlock[] = [];
  for (const match of text.matchAll(open)) {
    const start = match.index ?? 0;
    const bodyStart = start + match[0].length;
    const rest = text.slice(bodyStart);
    const name = match[1];
    const closeTag = close ?? (name ? new RegExp(`</${name}\\s*>`, 'i') : undefined);
    const closing = closeTag ? closeTag.exec(rest) : null;
    const following = new RegExp(nextOpen.source, 'i').exec(rest);
    let bodyEnd = rest.length;
    let end = text.length;
    if (closing && (!following || closing.index <= following.index)) {
      bodyEnd = closing.index;
      end = bodyStart + closing.index + closing[0].length;
    } else if (following) {
      bodyEnd = following.index;
      end = bodyStart + following.index;
    }
    blocks.push({ start, end, body: rest.slice(0, bodyEnd), ...(name ? { name } : {}), ...(match[2] ? { attributes: match[2] } : {}) });
  }
  return blocks;
}

/**
 * The name as the tool list spells it, for the variants small models write: `functions.read_file`,
 * `read-file`, `readFile`, `Read_File`. Unknown names come back as written.
 */
export function canonicalToolName(written: string, names: ReadonlySet<string>): string {
  if (names.has(written)) return written;
  const plain = written.replace(/^(?:functions|tools?)[.:]/i, '').replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/-/g, '_').toLowerCase();
  return names.has(plain) ? plain : written;
}

function stripFence(body: string): string {
  return body.replace(/^\s*```[\w-]*[ \t]*\n?/, '').replace(/\n?```\s*$/, '');
}

function nameIn(text: string): string | undefined {
  return /"(?:name|tool|function)"\s*:\s*"([^"]*)"/.exec(text)?.[1];
}

/** `{"name": ..., "arguments": {...}}` and its variants (tool/function, parameters/args/input, stringified arguments). */
function readJsonCall(text: string, names: Set<string>, specs: readonly ToolSpec[], anchored = false): { call?: TextCall; error?: string; length?: number } {
  const extracted = extractJsonObject(text, 0);
  if (!extracted || (anchored && text.trimStart()[0] !== '{')) return { error: malformed('no JSON object was found inside the tool call', specs) };
  if ('error' in extracted) return { error: malformed(`its JSON could not be read (${extracted.error})`, specs), length: extracted.end };
  const object = extracted.value;
  const inner = typeof object['function'] === 'object' && object['function'] !== null ? (object['function'] as Record<string, unknown>) : object;
  const written = [inner['name'], inner['tool'], object['function']].find((v): v is string => typeof v === 'string');
  const name = written === undefined ? undefined : canonicalToolName(written, names);
  if (!name) return { error: malformed('it has no "name"', specs), length: extracted.end };
  if (!names.has(name)) return { error: `Unknown tool "${name}". Tools: ${[...names].join(', ')}.`, length: extracted.end };
  let args: unknown = inner['arguments'] ?? inner['parameters'] ?? inner['args'] ?? inner['input'] ?? {};
  if (typeof args === 'string') {
    const parsed = extractJsonObject(args, 0);
    args = parsed && 'value' in parsed ? parsed.value : args.trim() === '' ? {} : args;
    if (typeof args === 'string') return { error: malformed(`the arguments of ${name} are not a JSON object`, specs), length: extracted.end };
  }
  return { call: { name, arguments: JSON.stringify(args) }, length: extracted.end };
}

/** `<read_file><path>a.ts</path></read_file>` or `<function=x><parameter=path>a.ts</parameter>`: one tag per parameter, or a JSON body. */
function readTaggedArgs(name: string, body: string, names: Set<string>, specs: readonly ToolSpec[], paramTag: RegExp, paramClose?: string, attributes?: string): { call?: TextCall; error?: string } {
  if (!names.has(name)) return { error: `Unknown tool "${name}". Tools: ${[...names].join(', ')}.` };
  const spec = specs.find((s) => s.name === name);
  const args: Record<string, string> = {};
  for (const attr of (attributes ?? '').matchAll(/([\w-]+)\s*=\s*"([^"]*)"/g)) args[attr[1] ?? ''] = unescapeXml(attr[2] ?? '');
  const params = [...body.matchAll(paramTag)].filter((m) => spec && (m[1] ?? '') in spec.params);
  if (params.length === 0) {
    const trimmed = stripFence(body).trim();
    if (trimmed.startsWith('{')) return readJsonCall(JSON.stringify({ name, arguments: extractJsonValue(trimmed) }), names, specs);
    return { call: { name, arguments: JSON.stringify(args) } };
  }
  params.forEach((param, i) => {
    const key = param[1] ?? '';
    const from = (param.index ?? 0) + param[0].length;
    const limit = params[i + 1]?.index ?? body.length;
    const segment = body.slice(from, limit);
    const close = segment.indexOf(paramClose ?? `</${key}>`);
    const value = close >= 0 ? segment.slice(0, close) : segment;
    args[key] = unescapeXml(trimParamValue(value));
  });
  return { call: { name, arguments: JSON.stringify(args) } };
}

function extractJsonValue(text: string): unknown {
  const extracted = extractJsonObject(text, 0);
  return extracted && 'value' in extracted ? extracted.value : text;
}

/** A value on its own lines loses the line break after the tag and before the closing tag. */
function trimParamValue(value: string): string {
  return value.replace(/^\r?\n/, '').replace(/\r?\n[ \t]*$/, '');
}

function unescapeXml(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

function malformed(why: string, specs: readonly ToolSpec[]): string {
  return `Your tool call could not be read: ${why}. Write one call like this, and nothing after it:\n${textCallExample(specs)}`;
}
