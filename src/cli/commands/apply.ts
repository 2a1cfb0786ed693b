import { readFile, realpath, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { applyFileEdit, checkRealPath, parseEditResponse, resolveUnderRoot, type FileEdit, type FileEditResult } from '../../core/edits';
import { writeFileAtomic } from '../../core/fs/atomicWrite';
import { describeArgsError } from '../commandLineWording';
import { report, type FileOutcome } from './applyReport';

export const applyUsage = `Usage: tandem apply <response-file|-> [--cwd DIR] [--file PATH] [--dry-run] [--json]

Applies the edits in a model response (SEARCH/REPLACE blocks, unified diffs, apply_patch, whole
files or files with elided parts) to the files under --cwd (default: the current folder).

  --cwd DIR     folder the response's paths are relative to; no edit may leave it
  --file PATH   the file for blocks that name none
  --dry-run     write nothing; print the unified diff of what would change
  --json        print {"files":[{"path","status","blocks":[...]}]} instead of text

A file is written only if all of its blocks applied (atomically, keeping its permissions); a file
with a failed block is left untouched and the reason is printed for the model to retry.
Exit codes: 0 everything applied, 1 a block or file failed, 2 bad usage or unreadable input.`;

export interface ApplyIo {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => Promise<string>;
}

export async function runApply(argv: string[], io: ApplyIo): Promise<number> {
  let values: { cwd?: string; file?: string; 'dry-run'?: boolean; json?: boolean; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv, allowPositionals: true, strict: true,
      options: { cwd: { type: 'string' }, file: { type: 'string' }, 'dry-run': { type: 'boolean' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    return usageError(io, describeArgsError(error, 'apply'));
  }
  if (values.help) {
    io.stdout(`${applyUsage}\n`);
    return 0;
  }
  if (positionals.length !== 1) return usageError(io, positionals.length === 0 ? 'tandem apply needs a response file (or - for standard input)' : 'tandem apply takes one response file');
  const root = path.resolve(io.cwd, values.cwd ?? '.');
  if (!(await stat(root).then((s) => s.isDirectory(), () => false))) return usageError(io, `--cwd ${root} is not a folder`);
  if (values.file !== undefined && !resolveUnderRoot(root, values.file).ok) return usageError(io, `--file ${values.file} is outside ${root}`);

  const input = positionals[0]!;
  let response: string;
  try {
    response = input === '-' ? await io.readStdin() : await readFile(path.resolve(io.cwd, input), 'utf8');
  } catch (error) {
    io.stderr(`tandem: cannot read ${input === '-' ? 'standard input' : input}: ${(error as Error).message}\n`);
    return 2;
  }

  const plan = parseEditResponse(response, values.file !== undefined ? { defaultPath: values.file } : {});
  for (const warning of plan.warnings) io.stderr(`tandem: warning: ${warning}\n`);
  const outcomes: FileOutcome[] = [];
  for (const edit of plan.files) outcomes.push(await applyOne(root, edit));
  if (!values['dry-run']) for (const outcome of outcomes) await write(outcome);

  report(io, plan, outcomes, { json: values.json === true, dryRun: values['dry-run'] === true });
  const failed = plan.files.length === 0 || outcomes.some((o) => o.result.status === 'failed');
  return failed ? 1 : 0;
}

async function applyOne(root: string, edit: FileEdit): Promise<FileOutcome> {
  if (edit.path === undefined) return { result: applyFileEdit(undefined, edit) };
  const target = await safeTarget(root, edit.path);
  if (!target.ok) return { result: refused(edit, target.reason) };
  const renameTarget = edit.renameTo !== undefined ? await safeTarget(root, edit.renameTo) : undefined;
  if (renameTarget && !renameTarget.ok) return { result: refused(edit, renameTarget.reason) };
  const original = await readText(target.absolute);
  if (typeof original === 'object') return { result: refused(edit, original.problem) };
  const result = applyFileEdit(original, edit);
  if (result.status !== 'failed' && renameTarget?.ok && renameTarget.absolute !== target.absolute && (await exists(renameTarget.absolute))) {
    return { result: refused(edit, `Cannot move ${edit.path} to ${edit.renameTo}: that file already exists.`) };
  }
  return { result, absolute: target.absolute, ...(renameTarget?.ok ? { renameAbsolute: renameTarget.absolute } : {}), ...(original !== undefined ? { original } : {}) };
}

async function safeTarget(root: string, file: string): Promise<{ ok: true; absolute: string } | { ok: false; reason: string }> {
  const resolved = resolveUnderRoot(root, file);
  if (!resolved.ok) return resolved;
  const onDisk = await checkRealPath(root, resolved.absolute, realpath);
  if (!onDisk.ok) return onDisk;
  // Write through a symlink that stays inside the workspace, instead of replacing the link.
  const absolute = await realpath(resolved.absolute).catch(() => resolved.absolute);
  return { ok: true, absolute };
}

/** The file's text; undefined if it does not exist; a problem if it cannot be edited as text. */
async function readText(file: string): Promise<string | undefined | { problem: string }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    return { problem: code === 'EISDIR' ? 'That path is a folder, not a file.' : `Cannot read the file: ${(error as Error).message}` };
  }
  if (bytes.includes(0)) return { problem: 'The file is binary; edits apply only to text files.' };
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return { problem: 'The file is not UTF-8 text; it was left untouched.' };
  }
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(() => true, () => false);
}

function refused(edit: FileEdit, reason: string): FileEditResult {
  return {
    path: edit.path, status: 'failed', message: reason, warnings: [],
    blocks: edit.blocks.map((block) => ({ index: block.index, status: 'failed', code: 'conflict', reason })),
  };
}

async function write(outcome: FileOutcome): Promise<void> {
  const { result, absolute } = outcome;
  if (result.status !== 'applied' || !absolute) return;
  try {
    if (result.deleted) await unlink(absolute);
    else {
      const destination = outcome.renameAbsolute ?? absolute;
      await writeFileAtomic(destination, result.newText!);
      if (destination !== absolute && outcome.original !== undefined) await unlink(absolute);
    }
  } catch (error) {
    const reason = `Writing the file failed: ${(error as Error).message}`;
    outcome.result = { ...result, status: 'failed', message: reason, blocks: result.blocks.map((b) => ({ ...b, status: 'failed', reason })) };
  }
}

function usageError(io: ApplyIo, message: string): number {
  io.stderr(`tandem: ${message}\n\n${applyUsage}\n`);
  return 2;
}
