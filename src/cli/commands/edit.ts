import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { nodeOutboundGate, redactionNote } from '../../core/context';
import { checkRealPath, formatUnifiedDiff, resolveUnderRoot } from '../../core/edits';
import { DocumentLines, describeLines, rebaseOnCurrent, runRangeEdit, type LineRange } from '../../core/edits/rewrite';
import { writeFileAtomic } from '../../core/fs/atomicWrite';
import { isLlmError } from '../../core/llm';
import { cliLogger, createCliClient, describeCliFailure, globalOptionsHelp, resolveSetup, splitGlobalOptions, UsageError, type CliSetup } from '../cliSetup';
import { describeArgsError } from '../commandLineWording';
import { languageOf } from '../languageOf';
import { readTextFile } from '../readTextFile';
import { declarationsFromIndex } from './workspaceIndex';

export const editUsage = `Usage: tandem edit <file> "<instruction>" [--range L1-L2] [--yes] [--json] [--no-index] [global options]

Asks the configured model to rewrite a file (or lines L1-L2 of it, 1-based) as the instruction
says, and prints the change as a unified diff. Nothing is written without --yes.

  --range L1-L2   the lines to rewrite (default: the whole file); L1 alone is one line
  --yes           write the change (atomically, keeping the file's permissions)
  --json          print {"path","status","written","range","newRange","diff","message"} instead
                  (also for a file that cannot be edited: status "failed", no range)
  --no-index      leave out the declarations the workspace index finds for the code (by default
                  the index is opened from the user's cache folder, or built: progress on stderr)

The file must be inside the project folder (--cwd). Secrets in the file are redacted before
anything is sent.

${globalOptionsHelp}

Exit codes: 0 an edit was produced (or nothing needed changing), 1 the model failed or its answer
could not become a safe edit (the reason is printed), 2 bad usage or an unreadable file.`;

export interface EditIo {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Readonly<Record<string, string | undefined>>;
  /** Aborts the model request (Ctrl+C). */
  signal?: AbortSignal;
}

type Status = 'applied' | 'proposed' | 'unchanged' | 'failed';

interface EditReport {
  path: string;
  status: Status;
  written: boolean;
  /** Absent when the file could not be read. */
  range?: { startLine: number; endLine: number };
  newRange?: { startLine: number; endLine: number };
  diff: string;
  message?: string;
  notes?: string[];
}

/** `given`: the setup main resolved from the global options; without it they are read from argv. */
export async function runEdit(argv: string[], io: EditIo, given?: CliSetup): Promise<number> {
  let values: { range?: string; yes?: boolean; json?: boolean; 'no-index'?: boolean; help?: boolean };
  let positionals: string[];
  let split: ReturnType<typeof splitGlobalOptions> | undefined;
  try {
    split = given ? undefined : splitGlobalOptions(argv);
    ({ values, positionals } = parseArgs({
      args: split?.rest ?? argv, allowPositionals: true, strict: true,
      options: { range: { type: 'string' }, yes: { type: 'boolean', short: 'y' }, json: { type: 'boolean' }, 'no-index': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    return usageError(io, error instanceof UsageError ? error.message : describeArgsError(error, 'edit'));
  }
  if (values.help) {
    io.stdout(`${editUsage}\n`);
    return 0;
  }
  let setup: CliSetup;
  try {
    setup = given ?? resolveSetup(split!.globals, io.env, io.cwd);
  } catch (error) {
    if (error instanceof UsageError) return usageError(io, error.message);
    throw error;
  }
  if (!given) for (const warning of setup.warnings) io.stderr(`tandem: ${warning}\n`);
  const [file, ...words] = positionals;
  const instruction = words.join(' ').trim();
  if (!file) return usageError(io, 'tandem edit needs a file and an instruction');
  if (!instruction) return usageError(io, 'tandem edit needs an instruction after the file, e.g. tandem edit src/a.ts "add input validation"');

  const root = setup.root;
  // With --json a file that cannot be edited is reported as JSON too: a script reads one shape.
  const refuse = (where: string, message: string, withUsage: boolean): number => {
    if (values.json) return finish(io, true, { path: where, status: 'failed', written: false, diff: '', message }, 2);
    return withUsage ? usageError(io, message) : (io.stderr(`tandem: ${message}\n`), 2);
  };
  const target = await locate(root, path.resolve(io.cwd, file));
  if (!target.ok) return refuse(file, target.reason, true);
  const ignore = setup.settings.read('ignore');
  // The same gate as every other path to a model: sensitive files, tandem.ignore and every .gitignore.
  const gate = await nodeOutboundGate(root, Array.isArray(ignore) ? ignore.filter((p): p is string => typeof p === 'string') : []);
  const refusal = gate.refusalFor(target.relative);
  if (refusal) return refuse(target.relative, `${refusal} Nothing was sent.`, false);
  const original = await readTextFile(target.absolute);
  if (typeof original !== 'string') return refuse(target.relative, `cannot edit ${target.relative}: ${original.problem}`, false);
  const lineCount = new DocumentLines(original).lines.length;
  const range = parseRange(values.range, lineCount);
  if (typeof range === 'string') return refuse(target.relative, range, true);

  const { config } = setup;
  const logger = cliLogger(setup, io.stderr);
  const client = createCliClient(setup, logger);
  const model = client.modelFor('edit');

  const base: EditReport = { path: target.relative, status: 'failed', written: false, range: lines(range), diff: '' };
  // What the code under edit uses from other files (imported or not), from the workspace index; the gate applies to each file read.
  const rangeText = new DocumentLines(original).slice(range).join('\n');
  const declarations = values['no-index'] ? [] : await declarationsFromIndex(root, gate, io, { path: target.relative, text: rangeText });
  if (declarations.length > 0) logger.info(`edit: declarations from the index: ${declarations.map((d) => `${d.name} (${d.path}:${d.startLine})`).join(', ')}`);
  let outcome: Awaited<ReturnType<typeof runRangeEdit>>;
  try {
    outcome = await runRangeEdit(
      { streamChat: (request) => client.streamChat({ ...request, model }) },
      { path: target.relative, languageId: languageOf(target.relative), documentText: original, range, instruction, contextWindow: config.provider.contextWindow, model, declarations },
      {
        signal: io.signal,
        onPrompt: (prompt) => {
          prompt.notes.forEach((note) => logger.info(`edit: ${note}`));
          if (prompt.redactions > 0) io.stderr(`tandem: ${redactionNote(prompt.redactions, target.relative)} before sending.\n`);
        },
      },
    );
  } catch (error) {
    if (isLlmError(error, 'cancelled')) return finish(io, values.json, { ...base, message: 'Cancelled.' }, 130);
    return finish(io, values.json, { ...base, message: describeCliFailure(error, setup) }, 1);
  }
  if (!outcome.ok) return finish(io, values.json, { ...base, message: outcome.reason }, 1);
  for (const note of outcome.notes) logger.info(`edit: ${note}`);

  let before = original;
  let proposed = outcome.newText;
  let written = false;
  if (values.yes && proposed !== original) {
    // The file may have changed while the model answered: merge, or refuse rather than overwrite.
    const current = await readTextFile(target.absolute);
    if (typeof current !== 'string') return finish(io, values.json, { ...base, message: `Cannot read ${target.relative} again before writing: ${current.problem}` }, 1);
    const rebased = rebaseOnCurrent(original, proposed, current, range);
    if (!rebased.ok) return finish(io, values.json, { ...base, message: rebased.reason }, 1);
    try {
      await writeFileAtomic(target.absolute, rebased.proposedText);
    } catch (error) {
      return finish(io, values.json, { ...base, message: `Writing ${target.relative} failed: ${(error as Error).message}; it was left as it was.` }, 1);
    }
    before = rebased.originalText;
    proposed = rebased.proposedText;
    written = true;
    if (rebased.moved) logger.info(`edit: ${target.relative} changed while the model answered; the edit was merged with those changes`);
  }
  const diff = formatUnifiedDiff(target.relative, before, proposed);
  const status: Status = proposed === before ? 'unchanged' : written ? 'applied' : 'proposed';
  return finish(io, values.json, { ...base, status, written, newRange: lines(outcome.newRange), diff, notes: outcome.notes }, 0);
}

function finish(io: EditIo, json: boolean | undefined, report: EditReport, code: number): number {
  if (json) {
    io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    return code;
  }
  if (report.status === 'failed') {
    io.stderr(`tandem: ${report.message ?? 'the edit failed'}\n`);
    return code;
  }
  io.stdout(report.diff);
  const range = report.range ?? { startLine: 1, endLine: 0 };
  const where = `${report.path} (${describeLines({ start: range.startLine - 1, end: range.endLine })})`;
  if (report.status === 'unchanged') io.stderr(`tandem: the model proposed no change to ${where}.\n`);
  else if (report.written) io.stderr(`tandem: wrote ${where}.\n`);
  else io.stderr(`tandem: nothing written; run again with --yes to write the change to ${report.path}.\n`);
  return code;
}

/** 1-based inclusive lines for people and JSON. */
function lines(range: LineRange): { startLine: number; endLine: number } {
  return { startLine: range.start + 1, endLine: range.end };
}

/** `--range 12-20` (1-based, inclusive) or `--range 12`; the whole file without it. */
function parseRange(value: string | undefined, lineCount: number): LineRange | string {
  if (value === undefined) return { start: 0, end: lineCount };
  const match = /^\s*(\d+)\s*(?:[-:,]\s*(\d+)\s*)?$/.exec(value);
  if (!match) return `--range ${value}: expected L1-L2, e.g. --range 12-20`;
  const first = Number(match[1]);
  const last = Number(match[2] ?? match[1]);
  if (first < 1 || last < first) return `--range ${value}: the first line must be at least 1 and not after the last`;
  if (last > Math.max(lineCount, 1)) return `--range ${value}: the file has ${lineCount} line${lineCount === 1 ? '' : 's'}`;
  return { start: first - 1, end: Math.min(last, lineCount) };
}

async function locate(root: string, absolute: string): Promise<{ ok: true; absolute: string; relative: string } | { ok: false; reason: string }> {
  const resolved = resolveUnderRoot(root, path.relative(root, absolute));
  if (!resolved.ok) return { ok: false, reason: `${absolute} is outside ${root}; pass --cwd with the project folder that contains it` };
  const onDisk = await checkRealPath(root, resolved.absolute, realpath);
  if (!onDisk.ok) return onDisk;
  const real = await realpath(resolved.absolute).catch(() => resolved.absolute);
  return { ok: true, absolute: real, relative: path.relative(root, resolved.absolute).split(path.sep).join('/') };
}

function usageError(io: EditIo, message: string): number {
  io.stderr(`tandem: ${message}\n\n${editUsage}\n`);
  return 2;
}
