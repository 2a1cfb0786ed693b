import { promises as fs } from 'node:fs';
import path from 'node:path';
import { formatUnifiedDiff, isElisionLine } from '../../edits';
import { writeFileAtomic } from '../../fs/atomicWrite';
import type { ToolOutcome } from '../types';
import type { ToolCallContext, ToolEnvironment } from './environment';
import { folderRefused } from './folderGate';
import { reviewEdits, reviewsEdits } from './reviewedEdits';
import { decodeText, failed, refused, succeeded } from './toolResult';
import { unsavedWorkRefusal } from './workspaceText';

/** Files bigger than this are not read at all (a model cannot use a 50 MB file). */
const maxReadBytes = 20 * 1024 * 1024;
/** list_files stops here; the listing says so. */
const maxListed = 1_000;

export async function readFileTool(env: ToolEnvironment, args: { path: string; startLine?: number; endLine?: number }, ctx: ToolCallContext): Promise<ToolOutcome> {
  const target = await env.resolvePath(args.path, { forWrite: false });
  if (!target.ok) return refused(target.reason);
  ctx.progress(`reading ${target.relative}`);
  // What the user sees in an editor with unsaved changes is what the agent reads.
  let decoded = env.unsavedText?.(target.absolute);
  if (decoded === undefined) {
    const stat = await fs.stat(target.absolute).catch(() => undefined);
    if (!stat) return failed(`${target.relative} does not exist. Use list_files or search to find the right path.`);
    if (stat.isDirectory()) return failed(`${target.relative} is a folder; use list_files.`);
    if (stat.size > maxReadBytes) return failed(`${target.relative} is ${Math.round(stat.size / 1024 / 1024)} MB, too big to read; use search to find what you need in it.`);
    const fromDisk = decodeText(await fs.readFile(target.absolute));
    if (typeof fromDisk !== 'string') return refused(`${target.relative} cannot be read: ${fromDisk.problem}.`);
    decoded = fromDisk;
  }
  const text = env.gate.redact(decoded, { path: target.relative }).text;
  const lines = text.split(/\r?\n/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  const first = Math.max(1, args.startLine ?? 1);
  const last = Math.min(lines.length, args.endLine ?? lines.length);
  if (first > lines.length) return failed(`${target.relative} has ${lines.length} lines; startLine ${first} is past the end.`);
  if (last < first) return failed(`endLine ${last} is before startLine ${first}.`);
  const width = String(last).length;
  const out: string[] = [];
  let used = 0;
  let shownLast = first - 1;
  for (let n = first; n <= last; n++) {
    const line = `${String(n).padStart(width)}| ${lines[n - 1]}`;
    if (used + line.length + 1 > ctx.resultBudget && n > first) break;
    out.push(line);
    used += line.length + 1;
    shownLast = n;
  }
  const header = `${target.relative} (${lines.length} lines${first > 1 || shownLast < lines.length ? `, showing ${first}-${shownLast}` : ''})`;
  if (shownLast < last) out.push(`[… cut by Tandem: lines ${shownLast + 1}-${last} not shown; call read_file with startLine ${shownLast + 1}]`);
  return succeeded(`${header}\n${out.join('\n')}`, `read ${target.relative}${first > 1 || shownLast < lines.length ? ` lines ${first}-${shownLast}` : ''}`);
}

export async function listFilesTool(env: ToolEnvironment, args: { path?: string; recursive?: boolean }, ctx: ToolCallContext): Promise<ToolOutcome> {
  const start = args.path && args.path.trim() !== '' && args.path.trim() !== '.' ? await env.resolvePath(args.path, { forWrite: false }) : { ok: true as const, absolute: env.root, relative: '' };
  if (!start.ok) return refused(start.reason);
  ctx.progress(`listing ${start.relative || 'the workspace'}`);
  const entries: string[] = [];
  const queue = [start.relative];
  let truncated = false;
  while (queue.length > 0 && !truncated) {
    const dir = queue.shift() as string;
    const listed = await fs.readdir(path.join(env.root, dir), { withFileTypes: true }).catch(() => undefined);
    if (!listed) {
      if (dir === start.relative) return failed(`${start.relative || '.'} is not a folder.`);
      continue;
    }
    listed.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of listed) {
      const rel = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.name === '.git' || (entry.isDirectory() ? folderRefused(env.gate, rel) : env.gate.refusalFor(rel))) continue;
      if (entries.length >= maxListed) {
        truncated = true;
        break;
      }
      entries.push(entry.isDirectory() ? `${rel}/` : rel);
      if (entry.isDirectory() && args.recursive) queue.push(rel);
    }
  }
  const note = truncated ? `\n[… listing stopped at ${maxListed} entries; list a subfolder]` : '';
  return succeeded(entries.length ? `${entries.join('\n')}${note}` : '(empty)', `listed ${start.relative || '.'} (${entries.length}${truncated ? '+' : ''} entries)`);
}

export async function writeFileTool(env: ToolEnvironment, args: { path: string; content: string }, ctx: ToolCallContext): Promise<ToolOutcome> {
  const target = await env.resolvePath(args.path, { forWrite: true });
  if (!target.ok) return refused(target.reason);
  const unsaved = unsavedWorkRefusal(env, [target]);
  if (unsaved) return refused(unsaved);
  const stat = await fs.stat(target.absolute).catch(() => undefined);
  if (stat?.isDirectory()) return failed(`${target.relative} is a folder.`);
  let before: string | undefined;
  if (stat) {
    const decoded = decodeText(await fs.readFile(target.absolute));
    if (typeof decoded !== 'string') return refused(`${target.relative} is not a text file (${decoded.problem}); it is not overwritten.`);
    before = decoded;
  }
  // "// ... rest of the file unchanged" in a whole rewrite would delete the rest of the file.
  const elided = before !== undefined ? args.content.split('\n').find((line) => isElisionLine(line, target.relative.split('.').pop() ?? '') && !before.includes(line)) : undefined;
  if (elided !== undefined) {
    return failed(`write_file replaces the whole file, and the content has "${elided.trim()}" where code was left out: writing it would delete that code from ${target.relative}. Use apply_edits to change part of a file, or write the complete content.`, `refused a rewrite of ${target.relative} with code left out`);
  }
  const diff = formatUnifiedDiff(target.relative, before, args.content);
  if (before === args.content) return succeeded(`${target.relative} already has exactly this content; nothing written.`, `${target.relative} unchanged`);
  if (reviewsEdits(env)) return reviewEdits(env, ctx, `${before === undefined ? 'Create' : 'Rewrite'} ${target.relative}`, [{ file: target, before, after: args.content }]);
  const approval = await approveEdit(env, [target.relative], diff);
  if (approval) return approval;
  ctx.progress(`writing ${target.relative}`);
  await env.beforeWrite(ctx.step, target.relative);
  await writeFileAtomic(target.absolute, args.content);
  await env.afterWrite(ctx.step, target.relative);
  const verb = before === undefined ? 'created' : 'rewrote';
  return succeeded(`${verb} ${target.relative} (${args.content.split('\n').length} lines)`, `${verb} ${target.relative}`, { filesChanged: [target.relative], diff });
}

export async function deleteFileTool(env: ToolEnvironment, args: { path: string }, ctx: ToolCallContext): Promise<ToolOutcome> {
  const target = await env.resolvePath(args.path, { forWrite: true });
  if (!target.ok) return refused(target.reason);
  const unsaved = unsavedWorkRefusal(env, [target]);
  if (unsaved) return refused(unsaved);
  const stat = await fs.lstat(target.absolute).catch(() => undefined);
  if (!stat) return failed(`${target.relative} does not exist.`);
  if (stat.isDirectory()) return failed(`${target.relative} is a folder; delete_file deletes files only.`);
  const approval = await approveEdit(env, [target.relative], `delete ${target.relative}`);
  if (approval) return approval;
  ctx.progress(`deleting ${target.relative}`);
  await env.beforeWrite(ctx.step, target.relative);
  await fs.unlink(target.absolute);
  await env.afterWrite(ctx.step, target.relative);
  return succeeded(`deleted ${target.relative}`, `deleted ${target.relative}`, { filesChanged: [target.relative], diff: `deleted ${target.relative}` });
}

/**
 * Edits are applied at once with --auto-edit (a checkpoint is taken first), else shown to the user
 * who says yes or no; with nobody to ask they are refused. Undefined means: go ahead.
 */
export async function approveEdit(env: ToolEnvironment, files: string[], diff: string): Promise<ToolOutcome | undefined> {
  if (env.autoEdit) return undefined;
  if (!env.approver) return refused(`editing ${files.join(', ')} needs the user's approval and there is no terminal to ask on (run with --auto-edit to apply edits with checkpoints).`);
  const yes = await env.approver({ kind: 'edit', subject: files.join(', '), detail: diff, destructive: false });
  return yes ? undefined : refused(`the user rejected the edit of ${files.join(', ')}.`);
}
