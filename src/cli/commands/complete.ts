import { parseArgs } from 'node:util';
import { CompletionEngine, type CompletionDocument, type CompletionModelClient, type EditorIndentation } from '../../core/completion';
import { nodeOutboundGate, redactJoined, redactionNote } from '../../core/context';
import { isLlmError, LlmError } from '../../core/llm';
import { cliLogger, createCliClient, describeCliFailure, globalOptionsHelp, type CliSetup } from '../cliSetup';
import { describeArgsError } from '../commandLineWording';
import { languageOf } from '../languageOf';
import { completionSteps } from './completeSteps';

export const completeUsage = `Usage: tandem complete --prefix <text> [--suffix <text>] [--language ID] [--file PATH] [--json] [global options]

Completes the code at the cursor (between --prefix and --suffix) exactly as the editor's inline
completions do: the same prompt format for the model's family (FIM template, the suffix parameter
or the chat fallback), the same streaming with early stop, the same clean-up (control tokens,
fences, brackets the code already closes, text the suffix already has, indentation). Secrets in
the text are redacted before anything is sent. Prints the text that would appear as ghost text
(nothing when the editor would show nothing).

  --prefix TEXT     the text before the cursor (required)
  --suffix TEXT     the text after the cursor
  --language ID     the VS Code language id (default: from --file, else plaintext)
  --file PATH       the file the text belongs to: its language, and tandem.ignore (an ignored
                    or sensitive file is refused)
  --json            print {"text","range","steps","strategy","model"}: the text, the range it
                    replaces (0-based line/character in prefix + suffix as sent, secrets redacted;
                    past the cursor when it re-types closing characters), the clean-up steps that
                    changed the model's output

${globalOptionsHelp}

Exit codes: 0 completed (or nothing to show), 1 the server failed (message on stderr), 2 bad usage,
130 interrupted.`;

export interface CompleteIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  signal?: AbortSignal;
}

export async function runComplete(argv: string[], io: CompleteIo, setup: CliSetup): Promise<number> {
  let values: { prefix?: string; suffix?: string; language?: string; file?: string; json?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv, strict: true, allowPositionals: false,
      options: { prefix: { type: 'string' }, suffix: { type: 'string' }, language: { type: 'string' }, file: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    return usageError(io, describeArgsError(error, 'complete'));
  }
  if (values.help) {
    io.stdout(`${completeUsage}\n`);
    return 0;
  }
  if (values.prefix === undefined) return usageError(io, 'tandem complete needs --prefix');
  const file = values.file?.split('\\').join('/');
  const ignorePatterns = setup.settings.read('ignore');
  if (file) {
    // The same gate as every other path to a model: sensitive files, tandem.ignore and every .gitignore.
    const gate = await nodeOutboundGate(setup.root, Array.isArray(ignorePatterns) ? ignorePatterns.filter((p): p is string => typeof p === 'string') : []);
    const refusal = gate.refusalFor(file);
    if (refusal) {
      io.stderr(`tandem: ${refusal} Nothing was sent.\n`);
      return 2;
    }
  }
  const languageId = values.language ?? (file ? languageOf(file) : 'plaintext');
  // Secrets never leave in a prompt, from the editor or from a script: redacted here, whatever the
  // engine's own redaction does, and before any step sees the text.
  // Both sides are judged together: a secret may span the cursor.
  const [redactedPrefix, redactedSuffix] = redactJoined([values.prefix, values.suffix ?? ''], { languageId });
  const redactedCount = (redactedPrefix?.count ?? 0) + (redactedSuffix?.count ?? 0);
  if (redactedCount > 0) io.stderr(`tandem: ${redactionNote(redactedCount, '--prefix/--suffix')} before sending.\n`);
  const prefix = redactedPrefix?.text ?? values.prefix;
  const suffix = redactedSuffix?.text ?? '';
  const lines = (prefix + suffix).split(/\r?\n/);
  const before = prefix.split(/\r?\n/);
  const position = { line: before.length - 1, character: before.at(-1)!.length };
  const document: CompletionDocument = { uri: `tandem-cli:${file ?? 'stdin'}`, languageId, lineCount: lines.length, lineText: (line) => lines[line] ?? '', ...(file ? { relativePath: file } : {}) };

  // The engine swallows failures (the editor shows nothing); the CLI reports them.
  let failure: LlmError | undefined;
  const raw: string[] = [];
  const logger = cliLogger(setup, io.stderr);
  const engine = new CompletionEngine({
    client: recording(createCliClient(setup, logger), raw), logger,
    onEvent: (event) => { if (event.type === 'requestFailed') failure = event.error; },
  });
  let items;
  try {
    items = await engine.complete({ document, position, indentation: indentationOf(lines, languageId), triggerKind: 'explicit' }, io.signal);
  } finally {
    engine.dispose();
  }
  if (io.signal?.aborted) return 130;
  if (failure) {
    if (isLlmError(failure, 'cancelled')) return 130;
    io.stderr(`tandem: ${describeCliFailure(failure, setup)}\n`);
    return 1;
  }
  const item = items?.[0];
  if (values.json) {
    const steps = completionSteps(raw.join(''), { document, position, indentation: indentationOf(lines, languageId), triggerKind: 'explicit' }, engine.strategyKind === 'chat', item?.insertText);
    io.stdout(`${JSON.stringify({ text: item?.insertText ?? null, range: item?.range ?? null, steps, strategy: engine.strategyKind, model: setup.config.provider.models.completion }, null, 2)}\n`);
    return 0;
  }
  if (item) io.stdout(item.insertText);
  return 0;
}

/** The client with every streamed text delta recorded: the raw output the steps start from. */
function recording(client: CompletionModelClient, raw: string[]): CompletionModelClient {
  return {
    provider: client.provider,
    modelFor: (role) => client.modelFor(role),
    async *streamCompletion(request) {
      for await (const event of client.streamCompletion(request)) {
        if (event.type === 'text') raw.push(event.text);
        yield event;
      }
    },
    async *streamChat(request) {
      for await (const event of client.streamChat(request)) {
        if (event.type === 'text') raw.push(event.text);
        yield event;
      }
    },
    async *streamInfill(request) {
      for await (const event of client.streamInfill(request)) {
        if (event.type === 'text') raw.push(event.text);
        yield event;
      }
    },
  };
}

/** Languages whose formatter indents with tabs whatever the file holds so far (gofmt). */
const tabLanguages = new Set(['go', 'makefile']);

/** Tabs when the text indents with tabs (or its language always does), else spaces in the smallest step it uses (PEP 8, ...). */
function indentationOf(lines: readonly string[], languageId: string): EditorIndentation {
  if (tabLanguages.has(languageId) || lines.some((l) => l.startsWith('\t'))) return { tabSize: 4, insertSpaces: false };
  const widths = lines.map((l) => /^ +(?=\S)/.exec(l)?.[0].length ?? 0).filter((w) => w > 0);
  const step = widths.length ? Math.min(...widths) : 4;
  return { tabSize: step === 2 || step === 4 || step === 8 ? step : 4, insertSpaces: true };
}

function usageError(io: CompleteIo, message: string): number {
  io.stderr(`tandem: ${message}\n\n${completeUsage}\n`);
  return 2;
}
