import { readCategory, readSeverity } from './replyFormat';
import type { Category, Severity } from './types';

/** A finding as the model wrote it, before the precision rules; every field may be missing or wrong. */
export interface RawFinding {
  path?: string;
  line?: number;
  endLine?: number;
  severity?: Severity;
  category?: Category;
  message: string;
  explanation: string;
  /** The text inside <fix>…</fix>; absent when the model proposed none or the fix was cut off. */
  fixText?: string;
}

export interface ParsedReply {
  findings: RawFinding[];
  /** What could not be read, for the log (never shown as findings). */
  problems: string[];
}

/**
 * Reads the model's findings leniently: the documented <finding> blocks (unclosed ones, from a
 * reply cut off at its token limit, included; their cut-off fix left out), or, from models that
 * insist on JSON, an array of finding objects (bare, fenced, or under a "findings" key).
 */
export function parseReviewReply(reply: string): ParsedReply {
  const text = reply.replace(/\r\n/g, '\n').replace(/<think>[\s\S]*?<\/think>/g, '');
  if (/<finding\b/i.test(text)) return parseTagged(text);
  const json = parseJsonFindings(text);
  if (json) return json;
  if (/<no-findings\s*\/?>/i.test(text) || !text.trim()) return { findings: [], problems: [] };
  return { findings: [], problems: [`the reply had no <finding> block and no JSON findings; ignored (${text.trim().slice(0, 80)}…)`] };
}

function parseTagged(text: string): ParsedReply {
  const findings: RawFinding[] = [];
  const problems: string[] = [];
  const starts = [...text.matchAll(/<finding\b([^>]*)>/gi)];
  starts.forEach((start, index) => {
    const bodyStart = start.index! + start[0].length;
    const nextStart = starts[index + 1]?.index ?? text.length;
    const close = text.slice(bodyStart, nextStart).search(/<\/finding>/i);
    const body = text.slice(bodyStart, close >= 0 ? bodyStart + close : nextStart);
    const finding = readBlock(body, start[1] ?? '', close < 0);
    if (typeof finding === 'string') problems.push(`finding ${index + 1}: ${finding}`);
    else findings.push(finding);
  });
  return { findings, problems };
}

const fieldLine = /^\s*[-*]?\s*\**(file|path|line|lines|severity|level|category|type|message|title|summary|explanation|details|description|why)\**\s*:\s*(.*)$/i;

/** One block's fields; attributes on the tag (`<finding file="a.ts" line="3">`) count too. */
function readBlock(body: string, attributes: string, cutOff: boolean): RawFinding | string {
  const fields = new Map<string, string>();
  for (const [, key, value] of attributes.matchAll(/(\w+)\s*=\s*"([^"]*)"/g)) fields.set(canonical(key!), value!);
  let fixText: string | undefined;
  const fixOpen = /<fix>/i.exec(body);
  let rest = body;
  if (fixOpen) {
    const after = body.slice(fixOpen.index + fixOpen[0].length);
    const fixClose = /<\/fix>/i.exec(after);
    // A fix cut off mid-way would be applied half: it is dropped, the finding kept.
    if (fixClose) fixText = after.slice(0, fixClose.index).replace(/^\n+|\s+$/g, '');
    rest = body.slice(0, fixOpen.index) + (fixClose ? after.slice(fixClose.index + fixClose[0].length) : '');
  }
  let current: string | undefined;
  const extra: string[] = [];
  for (const line of rest.split('\n')) {
    const field = fieldLine.exec(line);
    if (field) {
      current = canonical(field[1]!);
      fields.set(current, [fields.get(current), field[2]!.trim()].filter(Boolean).join('\n'));
    } else if (current === 'explanation' || current === 'message') {
      if (line.trim()) fields.set(current, `${fields.get(current) ?? ''}\n${line.trim()}`.trim());
    } else if (line.trim()) extra.push(line.trim());
  }
  let message = (fields.get('message') ?? '').trim();
  let explanation = (fields.get('explanation') ?? extra.join('\n')).trim();
  if (!message && explanation) {
    const firstSentence = /^(.+?[.!?])(\s|$)/s.exec(explanation);
    message = (firstSentence?.[1] ?? explanation.split('\n')[0]!).trim();
    explanation = explanation.slice(message.length).trim();
  }
  if (!message) return cutOff ? 'cut off before its message' : 'no message';
  // `file: src/a.ts:12` names the line too.
  const lines = readLines(fields.get('line') ?? /:(\d+(?:-\d+)?)`?\s*$/.exec(fields.get('path') ?? '')?.[1]);
  return {
    ...(fields.get('path') ? { path: cleanPath(fields.get('path')!) } : {}),
    ...lines,
    ...(readSeverity(fields.get('severity')) ? { severity: readSeverity(fields.get('severity'))! } : {}),
    ...(readCategory(fields.get('category')) ? { category: readCategory(fields.get('category'))! } : {}),
    message: oneLine(message),
    explanation,
    ...(fixText ? { fixText } : {}),
  };
}

function canonical(key: string): string {
  const k = key.toLowerCase();
  if (k === 'file' || k === 'path') return 'path';
  if (k === 'line' || k === 'lines') return 'line';
  if (k === 'level' || k === 'severity') return 'severity';
  if (k === 'type' || k === 'category') return 'category';
  if (k === 'title' || k === 'summary' || k === 'message') return 'message';
  return 'explanation';
}

/** `12`, `L12`, `12-14`, `12–14`, `lines 12 to 14`, `src/a.ts:12`. */
function readLines(value: string | undefined): { line?: number; endLine?: number } {
  const match = /(\d+)(?:\s*(?:-|–|to|\.\.|,)\s*L?(\d+))?/.exec((value ?? '').replace(/^.*:(?=\d)/, ''));
  if (!match) return {};
  const line = Number(match[1]);
  const end = match[2] === undefined ? line : Number(match[2]);
  return line > 0 ? { line, endLine: Math.max(line, end) } : {};
}

function cleanPath(value: string): string {
  return value.trim().replace(/^`|`$/g, '').replace(/:\d+(?:-\d+)?$/, '').replace(/^\.?\//, '').replace(/^[ab]\//, '').replace(/\\/g, '/');
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function parseJsonFindings(text: string): ParsedReply | undefined {
  const candidates = [...text.matchAll(/```(?:json)?\s*\n([\s\S]*?)\n```/g)].map((m) => m[1]!);
  candidates.push(text.trim());
  for (const candidate of candidates) {
    let value: unknown;
    try {
      value = JSON.parse(candidate);
    } catch {
      continue;
    }
    const list = Array.isArray(value) ? value : (value as { findings?: unknown } | null)?.findings;
    if (!Array.isArray(list)) continue;
    const findings: RawFinding[] = [];
    const problems: string[] = [];
    list.forEach((item: unknown, index) => {
      if (typeof item !== 'object' || item === null) return void problems.push(`finding ${index + 1}: not an object`);
      const o = item as Record<string, unknown>;
      const str = (...keys: string[]) => keys.map((k) => o[k]).find((v): v is string | number => typeof v === 'string' || typeof v === 'number');
      const message = String(str('message', 'title', 'summary') ?? '').trim();
      if (!message) return void problems.push(`finding ${index + 1}: no message`);
      const lines = readLines(String(str('line', 'startLine', 'lines') ?? ''));
      const end = Number(str('endLine') ?? NaN);
      const path = str('file', 'path');
      const severity = readSeverity(String(str('severity', 'level') ?? ''));
      const category = readCategory(String(str('category', 'type') ?? ''));
      const fix = str('fix');
      findings.push({
        ...(path !== undefined ? { path: cleanPath(String(path)) } : {}),
        ...lines,
        ...(lines.line !== undefined && end >= lines.line ? { endLine: end } : {}),
        ...(severity ? { severity } : {}),
        ...(category ? { category } : {}),
        message: oneLine(message),
        explanation: String(str('explanation', 'details', 'description') ?? '').trim(),
        ...(typeof fix === 'string' && fix.trim() ? { fixText: fix.trim() } : {}),
      });
    });
    return { findings, problems };
  }
  return undefined;
}
