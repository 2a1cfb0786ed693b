import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { nodeOutboundGate, type OutboundGate } from '../../core/context';
import { assembleContext, contextResultJson, type ContextResult, type KnowledgeIndex } from '../../core/knowledge';
import { describeArgsError } from '../commandLineWording';
import { readSettingsFile } from '../settingsFile';
import { openWorkspaceIndex } from './workspaceIndex';

export const contextUsage = `Usage: tandem context <file> --line L --col C [--cwd DIR] [--budget TOKENS] [--question "..."] [--json]
       tandem context --batch FILE [--cwd DIR] [--budget TOKENS]

Prints exactly the context Tandem would send for a completion at that position of <file> (with
--question: for that chat question asked there): the window around the cursor and the
definitions and snippets from other files chosen by the workspace index, within the budget.

  <file>             relative to the workspace root
  --line L --col C   1-based; the column counts UTF-16 code units, as VS Code does (a tab is one)
  --cwd DIR          the workspace root (default: the current folder)
  --budget TOKENS    tokens for everything but the window (default 1500)
  --question TEXT    a chat question: the symbols it names and the code its words match count too
  --json             print {"items":[{"path","startLine","endLine","kind","symbol","tokens","score",
                     "why"}],"tokens","windowTokens","queryMs"}; lines are 1-based and inclusive,
                     exactly the lines sent; "tokens" sums the items other than the window
  --batch FILE       one query per line, {"file","line","col","budget"?,"question"?}, answered
                     one JSON object per line from one loaded index ("-": standard input)

The index (.gitignore, tandem.ignore and sensitive files excluded) is built on first use and kept
in the user's cache folder; later runs read only the files that changed. Progress goes to stderr.
Exit codes: 0 answered, 1 a batch query failed (its line says why), 2 bad usage or unreadable file.`;

export interface ContextIo {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => Promise<string>;
  env?: NodeJS.ProcessEnv;
}

interface Query {
  file: string;
  line: number;
  col: number;
  budget: number;
  question?: string;
}

const defaultBudget = 1500;

export async function runContext(argv: string[], io: ContextIo): Promise<number> {
  let values: { cwd?: string; line?: string; col?: string; budget?: string; question?: string; json?: boolean; batch?: string; settings?: string; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv, allowPositionals: true, strict: true,
      options: {
        cwd: { type: 'string' }, line: { type: 'string' }, col: { type: 'string' }, budget: { type: 'string' }, question: { type: 'string' },
        json: { type: 'boolean' }, batch: { type: 'string' }, settings: { type: 'string' }, help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    return usageError(io, describeArgsError(error, 'context'));
  }
  if (values.help) {
    io.stdout(`${contextUsage}\n`);
    return 0;
  }
  const root = path.resolve(io.cwd, values.cwd ?? '.');
  if (!(await stat(root).then((s) => s.isDirectory(), () => false))) return usageError(io, `--cwd ${root} is not a folder`);
  const budget = values.budget === undefined ? defaultBudget : wholeNumber(values.budget);
  if (budget === undefined) return usageError(io, `--budget must be a whole number of tokens, not '${values.budget}'`);

  let queries: Array<Query | { error: string }>;
  if (values.batch !== undefined) {
    if (positionals.length > 0) return usageError(io, '--batch reads the queries from its file; give no <file>');
    let text: string;
    try {
      text = values.batch === '-' ? await io.readStdin() : await readFile(path.resolve(io.cwd, values.batch), 'utf8');
    } catch (error) {
      return usageError(io, `cannot read --batch ${values.batch}: ${(error as Error).message}`);
    }
    queries = text.split('\n').filter((l) => l.trim() !== '').map((l, i) => parseBatchLine(l, i + 1, budget));
  } else {
    if (positionals.length !== 1) return usageError(io, positionals.length === 0 ? 'tandem context needs a <file>' : `one <file> only (got ${positionals.length})`);
    const line = wholeNumber(values.line);
    const col = wholeNumber(values.col);
    if (!line || !col) return usageError(io, '--line and --col are required, 1-based whole numbers');
    queries = [{ file: positionals[0]!, line, col, budget, ...(values.question !== undefined ? { question: values.question } : {}) }];
  }

  const settings = readSettingsFile(values.settings, io.cwd, root);
  const ignore = settings.read('ignore');
  const gate = await nodeOutboundGate(root, Array.isArray(ignore) ? ignore.filter((p): p is string => typeof p === 'string') : []);
  // One query: a wrong file or position is said at once, before the index is built.
  const single = values.batch === undefined ? queries[0] : undefined;
  if (single && !('error' in single)) {
    const checked = await checkQuery(gate, root, single);
    if ('error' in checked) {
      io.stderr(`tandem: ${checked.error}\n`);
      return 2;
    }
  }
  const index = await openWorkspaceIndex(root, gate, io);

  let failed = false;
  for (const query of queries) {
    const answer = 'error' in query ? query : await answerQuery(index, gate, root, query);
    if ('error' in answer) {
      failed = true;
      if (values.batch === undefined) {
        io.stderr(`tandem: ${answer.error}\n`);
        return 2;
      }
      io.stdout(`${JSON.stringify({ error: answer.error })}\n`);
    } else if (values.batch !== undefined) io.stdout(`${JSON.stringify(contextResultJson(answer))}\n`);
    else io.stdout(values.json ? `${JSON.stringify(contextResultJson(answer), null, 2)}\n` : describe(answer, gate));
  }
  return failed ? 1 : 0;
}

async function answerQuery(index: KnowledgeIndex, gate: OutboundGate, root: string, query: Query): Promise<ContextResult | { error: string }> {
  const checked = await checkQuery(gate, root, query);
  if ('error' in checked) return checked;
  const { relative, text } = checked;
  const cache = new Map<string, string[] | undefined>();
  const readLines = async (p: string, start: number, end: number): Promise<string | undefined> => {
    if (!cache.has(p)) {
      const content = await readFile(path.join(root, p), 'utf8').catch(() => undefined);
      cache.set(p, content === undefined ? undefined : gate.redact(content, { path: p }).text.split('\n'));
    }
    return cache.get(p)?.slice(start - 1, end).join('\n');
  };
  return assembleContext(index, { path: relative, text, line: query.line, col: query.col, budget: query.budget, readLines, ...(query.question !== undefined ? { question: query.question } : {}) });
}

/** The query's file and position checked (inside the root, allowed by the gate, readable, the position in it). */
async function checkQuery(gate: OutboundGate, root: string, query: Query): Promise<{ relative: string; text: string } | { error: string }> {
  const file = query.file.split('\\').join('/').replace(/^\.\//, '');
  const absolute = path.resolve(root, file);
  const relative = path.relative(root, absolute).split(path.sep).join('/');
  if (relative.startsWith('../') || path.isAbsolute(relative)) return { error: `${query.file} is outside the workspace root ${root}` };
  const refusal = gate.refusalFor(relative);
  if (refusal) return { error: `${refusal} Nothing is sent for it.` };
  let text: string;
  try {
    text = await readFile(absolute, 'utf8');
  } catch (error) {
    return { error: `cannot read ${query.file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}` };
  }
  const lines = text.split('\n');
  if (query.line > lines.length) return { error: `line ${query.line} is past the end of ${relative} (${lines.length} lines)` };
  const lineText = (lines[query.line - 1] ?? '').replace(/\r$/, '');
  if (query.col > lineText.length + 1) return { error: `column ${query.col} is past the end of line ${query.line} of ${relative} (${lineText.length} characters)` };
  return { relative, text };
}

function parseBatchLine(line: string, number: number, budget: number): Query | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { error: `batch line ${number} is not JSON` };
  }
  const q = value as Record<string, unknown>;
  if (typeof q !== 'object' || q === null || typeof q['file'] !== 'string') return { error: `batch line ${number} needs "file" (a path relative to the root)` };
  const lineNo = q['line'];
  const col = q['col'];
  if (!isPositiveInteger(lineNo) || !isPositiveInteger(col)) return { error: `batch line ${number} needs "line" and "col", 1-based whole numbers` };
  const own = q['budget'];
  if (own !== undefined && !(typeof own === 'number' && Number.isInteger(own) && own >= 0)) return { error: `batch line ${number}: "budget" must be a whole number of tokens` };
  const question = q['question'];
  if (question !== undefined && typeof question !== 'string') return { error: `batch line ${number}: "question" must be a string` };
  return { file: q['file'], line: lineNo, col, budget: own ?? budget, ...(question !== undefined ? { question } : {}) };
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1;
}

function wholeNumber(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d+$/.test(text.trim())) return undefined;
  return Number(text);
}

/** The items as a person reads them: each one's place, size and reason, then its text. */
function describe(result: ContextResult, gate: OutboundGate): string {
  const parts = result.items.map((item) => {
    const head = `── ${item.path}:${item.startLine}-${item.endLine} ${item.kind}${item.symbol ? ` ${item.symbol}` : ''} · ${item.tokens} tokens · score ${item.score} · ${item.why}`;
    const text = item.kind === 'window' ? gate.redact(item.text, { path: item.path }).text : item.text;
    return `${head}\n${text}\n`;
  });
  return `${parts.join('\n')}\n${result.items.length - 1} items, ${result.tokens} tokens + window ${result.windowTokens} tokens; lookup ${result.queryMs} ms\n`;
}

function usageError(io: ContextIo, message: string): number {
  io.stderr(`tandem: ${message}\n\n${contextUsage}\n`);
  return 2;
}
