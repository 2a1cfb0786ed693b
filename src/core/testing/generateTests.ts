import { redactionMark } from '../context/redact';
import { applyFileEdit, describeFailures, parseEditResponse, type FileEdit } from '../edits';
import type { ChatMessage } from '../llm';
import { buildGenerateTestsPrompt, type CodeFocus } from '../prompts/tests';
import { findClosestTestFile } from './conventions/closestTest';
import { planTestFile, type TestFilePlan } from './conventions/placement';
import { isTestFile, languageOf } from './conventions/testFiles';
import { detectFrameworkFor } from './detect';
import type { DetectedFramework } from './detect/evidence';
import { declaredTestNames, droppedTests, frameworkNames } from './testNames';
import { findUsedSymbols, type UsedSymbol } from './usedSymbols';
import { baseName, dirName, type WorkspaceFiles } from './workspaceFiles';

/** Sends messages to the model and resolves with its whole answer (features stream it, the CLI too). */
export type AskModel = (messages: ChatMessage[], signal?: AbortSignal) => Promise<string>;

/** Something Tandem cannot do for a reason the user can act on (no framework, the reply had no tests, ...). */
export class TestGenerationError extends Error {
  override readonly name = 'TestGenerationError';
}

export interface GenerationTarget {
  /** Workspace-relative. */
  sourcePath: string;
  sourceText: string;
  /** The selection or the function/class at the cursor (1-based lines); absent: the whole file. */
  focus?: Omit<CodeFocus, 'text'>;
  /** The user's own words (e.g. after `/tests`). */
  instruction?: string;
}

/** Everything the prompt needs, found in the workspace before the model is asked. */
export interface PreparedGeneration {
  sourcePath: string;
  sourceText: string;
  focus: CodeFocus;
  instruction?: string;
  detected: DetectedFramework;
  plan: TestFilePlan;
  /** The test file's text when it is extended. */
  existingText?: string;
  styleExample?: { path: string; text: string };
  symbols: UsedSymbol[];
  /** The source relative to the test file's folder (JS and TS). */
  importPath?: string;
}

export interface PrepareOptions {
  /** Whether a file may be sent to the model as context (style example, used symbols): ignore rules. Default: all. */
  mayRead?: (path: string) => boolean;
  /**
   * More declarations the code under test uses, beyond what its imports resolve to (e.g. from the
   * workspace index: globals, same-package types, other languages). `covered` are the names the
   * import walk found. Files `mayRead` refuses are left out of the answer.
   */
  moreDeclarations?: (request: { sourcePath: string; sourceText: string; focusText: string; covered: ReadonlySet<string> }) => Promise<UsedSymbol[]>;
}

/** The import walk's declarations and the index's, at most this many in all. */
const maxUsedSymbols = 10;

/** Framework, test file, style example and used symbols for a source file (throws TestGenerationError). */
export async function prepareGeneration(files: WorkspaceFiles, target: GenerationTarget, options: PrepareOptions = {}): Promise<PreparedGeneration> {
  const mayRead = options.mayRead ?? (() => true);
  const { sourcePath, sourceText } = target;
  const language = languageOf(sourcePath);
  if (!language) throw new TestGenerationError(`Tandem writes tests for JavaScript, TypeScript, Python, Go, Rust and JVM sources; ${baseName(sourcePath)} is none of those.`);
  const detected = await detectFrameworkFor(files, sourcePath);
  if (!detected) throw new TestGenerationError(`Tandem found no test framework for ${sourcePath}: add one to the project (or a first test), then try again.`);
  const plan = await planTestFile(files, sourcePath, detected);
  const existingText = plan.exists ? await files.read(plan.path) : undefined;
  if (plan.exists && existingText === undefined) throw new TestGenerationError(`The test file ${plan.path} exists but could not be read.`);
  const examplePath = await findClosestTestFile(files, plan.path, detected);
  const exampleText = examplePath !== undefined && examplePath !== plan.path && mayRead(examplePath) ? await files.read(examplePath) : undefined;

  const lines = sourceText.split(/\r?\n/);
  const focus: CodeFocus = target.focus
    ? { ...target.focus, text: lines.slice(target.focus.startLine - 1, target.focus.endLine).join('\n') }
    : { kind: 'file', startLine: 1, endLine: lines.length, text: sourceText };
  const symbols = await findUsedSymbols(readableOnly(files, mayRead), sourcePath, sourceText, focus.text);
  if (options.moreDeclarations) {
    const covered = new Set(symbols.map((s) => s.name));
    const more = await options.moreDeclarations({ sourcePath, sourceText, focusText: focus.text, covered }).catch(() => []);
    for (const symbol of more) {
      if (symbols.length >= maxUsedSymbols) break;
      if (!covered.has(symbol.name) && symbol.path !== sourcePath && mayRead(symbol.path) && !alreadySent(symbols, symbol)) symbols.push(symbol);
    }
  }
  const importPath = language === 'javascript' && plan.path !== sourcePath ? relativePath(dirName(plan.path), sourcePath) : undefined;
  return {
    sourcePath, sourceText, focus, detected, plan, symbols,
    ...(target.instruction ? { instruction: target.instruction } : {}),
    ...(existingText !== undefined ? { existingText } : {}),
    ...(examplePath !== undefined && exampleText !== undefined ? { styleExample: { path: examplePath, text: exampleText } } : {}),
    ...(importPath ? { importPath } : {}),
  };
}

/** Whether `symbol` starts inside the text of one already chosen (a method of a class the import walk sent whole). */
function alreadySent(chosen: readonly UsedSymbol[], symbol: UsedSymbol): boolean {
  return chosen.some((s) => s.path === symbol.path && s.startLine <= symbol.startLine && symbol.startLine < s.startLine + s.text.split('\n').length);
}

export interface GenerateOptions {
  contextWindow: number;
  /** The command that will run the tests, for the prompt. */
  runCommand?: string;
  signal?: AbortSignal;
  /** How many times a reply that cannot be used is sent back with the reason. Default 1. */
  retries?: number;
}

/** The test file Tandem proposes: review it, then write it. */
export interface GeneratedTests {
  /** Workspace-relative. */
  path: string;
  /** '' for a new file. */
  originalText: string;
  proposedText: string;
  created: boolean;
  /** What the prompt left out, cut or redacted. */
  notes: string[];
  warnings: string[];
  /** Model requests made (1 + retries used). */
  requests: number;
}

/**
 * Asks the model for the tests and turns its reply into the test file's new text: a new file
 * from a code block, or the existing file with additions merged in by the edit engine. A reply
 * that does not apply, or would drop an existing test, is sent back once with the reason.
 */
export async function generateTests(prepared: PreparedGeneration, ask: AskModel, options: GenerateOptions): Promise<GeneratedTests> {
  const { plan } = prepared;
  const prompt = buildGenerateTestsPrompt({
    sourcePath: prepared.sourcePath,
    sourceText: prepared.sourceText,
    focus: prepared.focus,
    detected: prepared.detected,
    testFile: { path: plan.path, mode: plan.mode, convention: plan.convention, ...(prepared.existingText !== undefined ? { existingText: prepared.existingText } : {}) },
    symbols: prepared.symbols,
    contextWindow: options.contextWindow,
    ...(prepared.importPath ? { importPath: prepared.importPath } : {}),
    ...(prepared.styleExample ? { styleExample: prepared.styleExample } : {}),
    ...(options.runCommand ? { runCommand: options.runCommand } : {}),
    ...(prepared.instruction ? { instruction: prepared.instruction } : {}),
  });
  const messages = [...prompt.messages];
  const retries = options.retries ?? 1;
  for (let request = 1; ; request++) {
    const reply = await ask(messages, options.signal);
    const outcome = interpretGenerateReply(reply, prepared);
    if (outcome.ok) {
      return {
        path: plan.path, originalText: prepared.existingText ?? '', proposedText: outcome.text, created: !plan.exists,
        notes: prompt.notes, warnings: outcome.warnings, requests: request,
      };
    }
    if (request > retries) throw new TestGenerationError(outcome.reason);
    messages.push({ role: 'assistant', content: reply }, { role: 'user', content: outcome.feedback });
  }
}

type ReplyOutcome = { ok: true; text: string; warnings: string[] } | { ok: false; reason: string; feedback: string };

/** The test file's new text from a reply, or why the reply cannot be used (for the user, and for the model). */
export function interpretGenerateReply(reply: string, prepared: Pick<PreparedGeneration, 'plan' | 'existingText' | 'detected'>): ReplyOutcome {
  const { plan, existingText } = prepared;
  const path = plan.path;
  const parsed = parseEditResponse(reply, { defaultPath: path });
  const warnings = [...parsed.warnings];
  const named = parsed.files.filter((f) => f.path !== undefined);
  const chosen = named.find((f) => samePath(f.path, path))
    ?? (named.length === 1 && named[0] && looksLikeTestFor(named[0].path ?? '', path, prepared.detected) ? named[0] : undefined);
  let edit: FileEdit | undefined = chosen;
  if (chosen && !samePath(chosen.path, path)) {
    warnings.push(`The reply named ${chosen.path}; the tests go to ${path}, where the project's convention puts them.`);
    edit = { ...chosen, path };
  }
  if (!edit) {
    const reason = `The model's reply has no code for ${path}.`;
    return { ok: false, reason, feedback: `${reason} Reply again in the answer format asked for, naming ${path}.` };
  }
  for (const other of named) if (other !== chosen && other.path !== undefined) warnings.push(`The reply also changes ${other.path}; Generate Tests writes only the test file, so that part was left out.`);

  const result = applyFileEdit(existingText, edit);
  if (result.status === 'failed' || result.newText === undefined || result.deleted) {
    const first = result.message ?? result.blocks.find((b) => b.status === 'failed')?.reason ?? 'it did not apply';
    return { ok: false, reason: `The model's edits to ${path} could not be applied: ${first}`, feedback: describeFailures(result, parsed) || `Your edits to ${path} could not be applied: ${first}` };
  }
  if (existingText !== undefined && result.status === 'unchanged') {
    return { ok: false, reason: `The model's reply adds no tests to ${path}.`, feedback: `Your reply leaves ${path} unchanged. Add the new tests with SEARCH/REPLACE blocks.` };
  }
  if (existingText !== undefined) {
    const dropped = droppedTests(existingText, result.newText, prepared.detected.framework);
    if (dropped.length > 0) {
      const names = dropped.slice(0, 5).map((n) => `"${n}"`).join(', ') + (dropped.length > 5 ? ` and ${dropped.length - 5} more` : '');
      return {
        ok: false,
        reason: `The model's reply would remove existing tests from ${path} (${names}); Tandem keeps every existing test, so it was not used.`,
        feedback: `Your reply removes these existing tests from ${path}: ${names}. Keep every existing test exactly as it is: send SEARCH/REPLACE blocks that only add the new tests.`,
      };
    }
  }
  if (existingText === undefined && declaredTestNames(result.newText, prepared.detected.framework).length === 0) {
    // Such a file "passes" when run, which would pass off untested code as tested.
    const framework = frameworkNames[prepared.detected.framework];
    return { ok: false, reason: `The model's reply for ${path} declares no ${framework} tests.`, feedback: `Your file for ${path} declares no tests. Write tests the way ${framework} declares them, in one code block naming ${path}.` };
  }
  if (count(result.newText, redactionMark) > count(existingText ?? '', redactionMark)) {
    return { ok: false, reason: `The model's reply writes ${redactionMark} (a secret Tandem hid from it) into ${path}.`, feedback: `Your reply writes ${redactionMark} into ${path}. Those values were hidden from you; do not copy them: leave those lines out of your edits.` };
  }
  return { ok: true, text: result.newText, warnings };
}

/** The same files, with those the predicate refuses reading as absent. */
function readableOnly(files: WorkspaceFiles, mayRead: (path: string) => boolean): WorkspaceFiles {
  return { read: async (path) => (mayRead(path) ? files.read(path) : undefined), exists: (path) => files.exists(path), list: (dir) => files.list(dir) };
}

function samePath(a: string | undefined, b: string): boolean {
  return a !== undefined && a.replace(/^\.\//, '') === b.replace(/^\.\//, '');
}

/** A lone file in the reply stands for the test file if it is a test file of the framework or has the same name. */
function looksLikeTestFor(named: string, path: string, detected: DetectedFramework): boolean {
  return isTestFile(named, detected.framework) || baseName(named) === baseName(path);
}

function count(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

/** `to` relative to the folder `fromDir` ('src/__tests__', 'src/a.ts' -> '../a.ts'), always starting with . or .. */
export function relativePath(fromDir: string, to: string): string {
  const from = fromDir ? fromDir.split('/') : [];
  const target = to.split('/');
  let common = 0;
  while (common < from.length && common < target.length - 1 && from[common] === target[common]) common++;
  const up = from.length - common;
  const rest = target.slice(common).join('/');
  return up === 0 ? `./${rest}` : `${'../'.repeat(up)}${rest}`;
}
