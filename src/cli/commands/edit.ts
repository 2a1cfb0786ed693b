import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readConfig } from '../../core/config';
import { nodeOutboundGate, redactionNote } from '../../core/context';
import { checkRealPath, formatUnifiedDiff, resolveUnderRoot } from '../../core/edits';
import { DocumentLines, describeLines, rebaseOnCurrent, runRangeEdit, type LineRange } from '../../core/edits/rewrite';
import { writeFileAtomic } from '../../core/fs/atomicWrite';
import { isLlmError, LlmClient } from '../../core/llm';
import type { Logger } from '../../core/logger';
import { redactingLogger } from '../../core/logger';
import { forCommandLine } from '../commandLineWording';
import { readTextFile } from '../readTextFile';
import { readSettingsFile } from '../settingsFile';

export const editUsage = `Usage: tandem edit <file> "<instruction>" [--range L1-L2] [--yes] [--cwd DIR] [--json]

Asks the configured model to rewrite a file (or lines L1-L2 of it, 1-based) as the instruction
says, and prints the change as a unified diff. Nothing is written without --yes.

  --range L1-L2   the lines to rewrite (default: the whole file); L1 alone is one line
  --yes           write the change (atomically, keeping the file's permissions)
  --cwd DIR       the project folder: the file must be inside it; its .vscode/settings.json is read
  --json          print {"path","status","written","range","newRange","diff","message"} instead
                  (also for a file that cannot be edited: status "failed", no range)
  --settings F    settings JSON with tandem.* keys (default: DIR/.vscode/settings.json)
  --provider ID   override tandem.provider
  --model ID      override the model
  --verbose       log the request and its timings to stderr

Secrets in the file are redacted before anything is sent. The API key, for servers that need one,
comes from the TANDEM_API_KEY environment variable.
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

export async function runEdit(argv: string[], io: EditIo): Promise<number> {
  let values: { range?: string; yes?: boolean; cwd?: string; json?: boolean; settings?: string; provider?: string; model?: string; verbose?: boolean; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv, allowPositionals: true, strict: true,
      options: {
        range: { type: 'string' }, yes: { type: 'boolean', short: 'y' }, cwd: { type: 'string' }, json: { type: 'boolean' },
        settings: { type: 'string' }, provider: { type: 'string' }, model: { type: 'string' }, verbose: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    return usageError(io, (error as Error).message);
  }
  if (values.help) {
    io.stdout(`${editUsage}\n`);
    return 0;
  }
  const [file, ...words] = positionals;
  const instruction = words.join(' ').trim();
  if (!file) return usageError(io, 'tandem edit needs a file and an instruction');
  if (!instruction) return usageError(io, 'tandem edit needs an instruction after the file, e.g. tandem edit src/a.ts "add input validation"');

  const root = path.resolve(io.cwd, values.cwd ?? '.');
  // With --json a file that cannot be edited is reported as JSON too: a script reads one shape.
  const refuse = (where: string, message: string, withUsage: boolean): number => {
    if (values.json) return finish(io, true, { path: where, status: 'failed', written: false, diff: '', message }, 2);
    return withUsage ? usageError(io, message) : (io.stderr(`tandem: ${message}\n`), 2);
  };
  const target = await locate(root, path.resolve(io.cwd, file));
  if (!target.ok) return refuse(file, target.reason, true);
  const settings = readSettingsFile(values.settings, root);
  if (settings.error) io.stderr(`tandem: ${settings.error}\n`);
  const ignore = settings.read('ignore');
  // The same gate as every other path to a model: sensitive files, tandem.ignore and every .gitignore.
  const gate = await nodeOutboundGate(root, Array.isArray(ignore) ? ignore.filter((p): p is string => typeof p === 'string') : []);
  const refusal = gate.refusalFor(target.relative);
  if (refusal) return refuse(target.relative, `${refusal} Nothing was sent.`, false);
  const original = await readTextFile(target.absolute);
  if (typeof original !== 'string') return refuse(target.relative, `cannot edit ${target.relative}: ${original.problem}`, false);
  const lineCount = new DocumentLines(original).lines.length;
  const range = parseRange(values.range, lineCount);
  if (typeof range === 'string') return refuse(target.relative, range, true);

  const { config, problems } = readConfig((key) => (key === 'provider' && values.provider ? values.provider : settings.read(key)));
  for (const problem of problems) io.stderr(`tandem: ${forCommandLine(problem.message)}\n`);
  const apiKey = io.env.TANDEM_API_KEY || undefined;
  const logger = redactingLogger(stderrLogger(io, values.verbose === true), () => (apiKey ? [apiKey] : []));
  const client = new LlmClient({ provider: config.provider, apiKey, timeouts: config.timeouts, maxRetries: config.maxRetries, logger, userAgent: 'Tandem-CLI' });
  const model = values.model ?? client.modelFor('edit');

  const base: EditReport = { path: target.relative, status: 'failed', written: false, range: lines(range), diff: '' };
  let outcome: Awaited<ReturnType<typeof runRangeEdit>>;
  try {
    outcome = await runRangeEdit(
      { streamChat: (request) => client.streamChat({ ...request, model }) },
      { path: target.relative, languageId: languageOf(target.relative), documentText: original, range, instruction, contextWindow: config.provider.contextWindow, model },
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
    const message = isLlmError(error) ? error.message : error instanceof Error ? error.message : String(error);
    return finish(io, values.json, { ...base, message: forCommandLine(message) }, 1);
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

/** VS Code language ids by extension: the prompt names the language and the rewrite knows its comments. */
const languages: Record<string, string> = {
  ts: 'typescript', mts: 'typescript', cts: 'typescript', tsx: 'typescriptreact', js: 'javascript', mjs: 'javascript', cjs: 'javascript', jsx: 'javascriptreact',
  py: 'python', go: 'go', rs: 'rust', java: 'java', kt: 'kotlin', cs: 'csharp', c: 'c', h: 'c', cpp: 'cpp', cc: 'cpp', hpp: 'cpp', rb: 'ruby', php: 'php',
  swift: 'swift', scala: 'scala', lua: 'lua', sh: 'shellscript', bash: 'shellscript', ps1: 'powershell', sql: 'sql', json: 'json', jsonc: 'jsonc',
  yaml: 'yaml', yml: 'yaml', toml: 'toml', md: 'markdown', html: 'html', css: 'css', scss: 'scss', vue: 'vue', svelte: 'svelte', dart: 'dart', ex: 'elixir', exs: 'elixir',
};

function languageOf(file: string): string {
  const ext = file.slice(file.lastIndexOf('.') + 1).toLowerCase();
  return languages[ext] ?? 'plaintext';
}

function stderrLogger(io: EditIo, verbose: boolean): Logger {
  const write = (level: string) => (message: string) => {
    if (verbose || level === 'error') io.stderr(`[${level}] ${message}\n`);
  };
  return { trace: write('trace'), debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

function usageError(io: EditIo, message: string): number {
  io.stderr(`tandem: ${message}\n\n${editUsage}\n`);
  return 2;
}
