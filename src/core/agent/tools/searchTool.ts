import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ToolOutcome } from '../types';
import type { ToolCallContext, ToolEnvironment } from './environment';
import { folderRefused } from './folderGate';
import { failed, refused, succeeded } from './toolResult';

const maxMatches = 200;
const maxFileBytes = 1024 * 1024;
const maxFiles = 20_000;
const maxLineShown = 240;

/**
 * search: a literal or regular-expression search over the workspace's text files, in plain
 * JavaScript (ripgrep's binary cannot be installed offline and may not ship in the .vsix).
 * Ignored and sensitive files are skipped through the gate, big and binary files too; results
 * are capped and every line passes the secret redaction.
 */
export async function searchTool(env: ToolEnvironment, args: { query: string; isRegex?: boolean; path?: string }, ctx: ToolCallContext): Promise<ToolOutcome> {
  if (args.query === '') return failed('search needs a non-empty "query".');
  let pattern: RegExp;
  try {
    pattern = new RegExp(args.isRegex ? args.query : args.query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), args.isRegex ? 'u' : '');
  } catch (error) {
    return failed(`"${args.query}" is not a valid regular expression (${(error as Error).message}); search with isRegex false for plain text.`);
  }
  const start = args.path && args.path.trim() !== '' && args.path.trim() !== '.' ? await env.resolvePath(args.path, { forWrite: false }) : { ok: true as const, absolute: env.root, relative: '' };
  if (!start.ok) return refused(start.reason);
  ctx.progress(`searching ${start.relative || 'the workspace'} for ${args.query}`);
  const matches: string[] = [];
  let files = 0;
  let capped = false;
  for await (const rel of walkFiles(env, start.relative)) {
    if (ctx.signal.aborted || ++files > maxFiles) {
      capped ||= files > maxFiles;
      break;
    }
    const absolute = path.join(env.root, rel);
    const text = env.unsavedText?.(absolute) ?? await readSearchable(absolute);
    if (text === undefined) continue;
    if (!pattern.test(text)) continue;
    const lines = text.split(/\r?\n/);
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] as string;
      if (!pattern.test(line)) continue;
      const shown = line.length > maxLineShown ? `${line.slice(0, maxLineShown)}…` : line;
      matches.push(`${rel}:${i + 1}: ${env.gate.redact(shown.trim(), { path: rel }).text}`);
      if (matches.length >= maxMatches) break;
    }
    if (matches.length >= maxMatches) {
      capped = true;
      break;
    }
  }
  if (matches.length === 0) return succeeded(`No matches for ${JSON.stringify(args.query)} in ${start.relative || 'the workspace'}.`, `searched for ${args.query}: no matches`);
  const note = capped ? `\n[… results capped at ${maxMatches}; narrow the query or the path]` : '';
  return succeeded(`${matches.join('\n')}${note}`, `searched for ${args.query}: ${matches.length}${capped ? '+' : ''} matches`);
}

/** Workspace-relative files under `start` (a file or folder), skipping .git and what the gate refuses. */
export async function* walkFiles(env: ToolEnvironment, start: string): AsyncGenerator<string> {
  const first = await fs.stat(path.join(env.root, start)).catch(() => undefined);
  if (first?.isFile()) {
    if (!env.gate.refusalFor(start)) yield start;
    return;
  }
  const queue = [start];
  while (queue.length > 0) {
    const dir = queue.shift() as string;
    const entries = await fs.readdir(path.join(env.root, dir), { withFileTypes: true }).catch(() => []);
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (entry.name === '.git') continue;
      const rel = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!folderRefused(env.gate, rel)) queue.push(rel);
      } else if (entry.isFile() && !env.gate.refusalFor(rel)) {
        yield rel;
      }
    }
  }
}

/** A file's text from disk, unless it is too big or binary. */
async function readSearchable(absolute: string): Promise<string | undefined> {
  const stat = await fs.stat(absolute).catch(() => undefined);
  if (!stat || stat.size > maxFileBytes) return undefined;
  const bytes = await fs.readFile(absolute).catch(() => undefined);
  if (!bytes || bytes.subarray(0, 8_192).includes(0)) return undefined;
  return bytes.toString('utf8');
}
