import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import type { TandemConfig } from '../../core/config';
import { nodeOutboundGate } from '../../core/context';
import { formatUnifiedDiff, resolveUnderRoot } from '../../core/edits';
import { writeFileAtomic } from '../../core/fs/atomicWrite';
import { isLlmError, type ChatMessage } from '../../core/llm';
import {
  fixLabel, generateTests, importedWorkspaceFiles, nodeWorkspaceFiles, prepareGeneration, reportTestRun, requestFix, resolveRunCommand, runFixLoop, summarizeRun, TestGenerationError,
  type AskModel, type FixLoopResult, type FixLoopSteps, type FixTarget, type PrepareOptions, type PreparedGeneration, type TestRunReport, type TestRunner, type WorkspaceFiles,
} from '../../core/testing';
import { cliLogger, createCliClient, describeCliFailure, globalOptionsHelp, resolveSetup, splitGlobalOptions, UsageError, type CliSetup } from '../cliSetup';
import { describeArgsError, forCommandLine } from '../commandLineWording';
import { readTextFile } from '../readTextFile';
import { ChildProcessTestRunner } from './testsRunner';
import { declarationsFromIndex } from './workspaceIndex';
import { missingRunner, TestRunnerMissing } from './testsRunnerMissing';

export const testsUsage = `Usage: tandem tests <file> [--run] [--fix N] [--yes] [--command CMD] [--json] [--no-index] [global options]

Writes unit tests for <file> with the project's test framework (detected from the project; an
existing test file is extended, never overwritten), shows the diff and writes the test file.

  --run           run the tests afterwards (the detected command, narrowed to the test file,
                  or tandem.tests.command / --command)
  --fix N         run them and, while they fail, ask the model for a fix: at most N rounds (0-10)
  --yes           write the test file and fixes without asking (needed when not on a terminal)
  --command CMD   the command that runs the tests; \${file} and \${testFile} are filled in
  --json          print one JSON object (the diff, the run, the fixes) instead of text; the
                  test output goes to standard error
  --no-index      only the declarations the file's imports lead to; by default the workspace
                  index adds what else the code uses (opened from the user's cache folder, or
                  built: progress on stderr)

The file must be inside the project folder (--cwd).

${globalOptionsHelp}

Exit codes: 0 the tests pass (or were written and not run), 1 they fail, 2 bad usage (a test command
or test runner that is not installed included) or no tests could be generated (the model server failed, the reply had
no usable tests, nothing was written).`;

export interface TestsIo {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Asks a yes/no question; undefined when there is no terminal to ask on. */
  confirm?: (question: string) => Promise<boolean>;
  /** Environment (TANDEM_API_KEY). */
  env: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  /** Runs the test commands (default: child processes, output streamed). */
  runner?: TestRunner;
}

interface Options {
  root: string;
  file: string;
  run: boolean;
  fix: number | undefined;
  yes: boolean;
  json: boolean;
  command: string | undefined;
  noIndex: boolean;
}

/** What --json prints. */
interface JsonReport {
  file: string;
  testFile?: string;
  created?: boolean;
  diff?: string;
  written: boolean;
  notes: string[];
  run?: { command: string; exitCode: number | null; passed: boolean; summary: string; totals?: TestRunReport['totals']; failures: TestRunReport['failures'] };
  fix?: { stop: FixLoopResult['stop']; rounds: number; message: string; fixes: { round: number; target: FixTarget; files: string[]; written: boolean }[] };
  error?: string;
}

/** `given`: the setup main resolved from the global options; without it they are read from argv. */
export async function runTests(argv: string[], io: TestsIo, given?: CliSetup): Promise<number> {
  let parsed: ReturnType<typeof parseOptions>;
  let split: ReturnType<typeof splitGlobalOptions> | undefined;
  try {
    split = given ? undefined : splitGlobalOptions(argv);
    parsed = parseOptions(split?.rest ?? argv);
  } catch (error) {
    return usageError(io, error instanceof UsageError || !(error as { code?: unknown }).code ? (error as Error).message : describeArgsError(error, 'tests'));
  }
  if (parsed === 'help') {
    io.stdout(`${testsUsage}\n`);
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
  const options: Options = { ...parsed, root: setup.root };
  // With --json a file that cannot be used is reported as JSON too: a script reads one shape.
  const refuse = (message: string, withUsage: boolean): number => {
    if (options.json) {
      io.stderr(`tandem: ${message}\n`);
      io.stdout(`${JSON.stringify({ file: options.file, written: false, notes: [], error: message } satisfies JsonReport, null, 2)}\n`);
      return 2;
    }
    return withUsage ? usageError(io, message) : (io.stderr(`tandem: ${message}\n`), 2);
  };
  const resolved = resolveUnderRoot(options.root, options.file);
  if (!resolved.ok) return refuse(`${options.file} is outside ${options.root}`, true);
  const sourcePath = path.relative(options.root, resolved.absolute).split(path.sep).join('/');
  const sourceText = await readTextFile(resolved.absolute);
  if (typeof sourceText !== 'string') return refuse(`cannot write tests for ${sourcePath}: ${sourceText.problem}`, false);

  const { config, settings: settingsFile } = setup;
  const ignorePatterns = settingsFile.read('ignore');
  // One gate for the file and everything read as context (imports, declarations, the closest test): sensitive files, tandem.ignore, every .gitignore.
  const gate = await nodeOutboundGate(options.root, Array.isArray(ignorePatterns) ? ignorePatterns.filter((p): p is string => typeof p === 'string') : []);
  const refusal = gate.refusalFor(sourcePath);
  if (refusal) return refuse(`${refusal} Nothing was sent.`, false);

  const client = createCliClient(setup, cliLogger(setup, io.stderr));
  const ask: AskModel = async (messages: ChatMessage[], signal) => {
    let text = '';
    for await (const event of client.streamChat({ messages, role: 'edit', purpose: 'tests', ...(signal ? { signal } : {}) })) {
      if (event.type === 'text') text += event.text;
    }
    return text;
  };
  // Beyond the imports: what else the code uses, from the workspace index (the same gate on every file it reads).
  const moreDeclarations = options.noIndex ? undefined : (request: { sourcePath: string; focusText: string; covered: ReadonlySet<string> }) =>
    declarationsFromIndex(options.root, gate, io, { path: request.sourcePath, text: request.focusText, exclude: request.covered });
  const flow = new TestsFlow(options, io, config, ask, client.provider.contextWindow, (p) => gate.refusalFor(p) === undefined, setup, moreDeclarations);
  return flow.run(sourcePath, sourceText);
}

/** The headless Generate -> write -> run -> fix flow of one `tandem tests` call. */
class TestsFlow {
  private readonly files: WorkspaceFiles;
  private readonly json: JsonReport;
  private readonly runner: TestRunner;

  constructor(
    private readonly options: Options,
    private readonly io: TestsIo,
    private readonly config: TandemConfig,
    private readonly ask: AskModel,
    private readonly contextWindow: number,
    private readonly mayRead: (path: string) => boolean,
    private readonly setup: CliSetup,
    private readonly moreDeclarations?: PrepareOptions['moreDeclarations'],
  ) {
    this.files = nodeWorkspaceFiles(options.root);
    this.json = { file: options.file, written: false, notes: [] };
    this.runner = io.runner ?? new ChildProcessTestRunner((chunk) => (options.json ? io.stderr(chunk) : io.stdout(chunk)));
  }

  async run(sourcePath: string, sourceText: string): Promise<number> {
    let prepared: PreparedGeneration;
    let written: boolean;
    try {
      prepared = await prepareGeneration(this.files, { sourcePath, sourceText }, { mayRead: this.mayRead, ...(this.moreDeclarations ? { moreDeclarations: this.moreDeclarations } : {}) });
      this.json.testFile = prepared.plan.path;
      const runCommand = await this.command(prepared).then((c) => c.command, () => undefined);
      const generated = await generateTests(prepared, this.ask, { contextWindow: this.contextWindow, ...(runCommand ? { runCommand } : {}), ...(this.io.signal ? { signal: this.io.signal } : {}) });
      // Said once there are tests to write: a failed request must not look like a written file.
      this.info(`tandem: ${prepared.plan.mode === 'extend' ? 'adding tests to' : 'writing'} ${prepared.plan.path} (${prepared.detected.framework}; ${prepared.plan.convention})\n`);
      this.json.notes.push(...generated.notes, ...generated.warnings);
      for (const note of [...generated.notes, ...generated.warnings]) this.info(`tandem: ${note}\n`);
      const diff = formatUnifiedDiff(generated.path, generated.created ? undefined : generated.originalText, generated.proposedText);
      this.json.created = generated.created;
      this.json.diff = diff;
      if (!this.options.json) this.io.stdout(diff);
      written = await this.write(generated.path, generated.originalText, generated.proposedText, generated.created);
      this.json.written = written;
    } catch (error) {
      return this.failed(error);
    }
    if (!written) return this.finish(this.options.run || this.options.fix !== undefined ? 2 : 0);
    if (!this.options.run && this.options.fix === undefined) return this.finish(0);

    const fixes: NonNullable<JsonReport['fix']>['fixes'] = [];
    const previous: { target: FixTarget; explanation?: string }[] = [];
    const steps: FixLoopSteps = {
      run: (signal) => this.runTests(prepared, signal),
      fix: async (report, round, signal) => {
        const testPath = prepared.plan.path;
        const testText = (await this.files.read(testPath)) ?? '';
        const code = (await importedWorkspaceFiles(this.files, testPath, testText)).filter((f) => this.mayRead(f.path));
        if (!code.some((c) => c.path === sourcePath)) code.unshift({ path: sourcePath, text: (await this.files.read(sourcePath)) ?? sourceText });
        this.info(`tandem: round ${round.round} of ${round.of}: asking for a fix\n`);
        const proposal = await requestFix({ report, testFile: { path: testPath, text: testText }, code, round, previous, contextWindow: this.contextWindow, signal }, this.ask);
        if (proposal.kind === 'none') return { kind: 'no-edit', reason: proposal.reason };
        previous.push({ target: proposal.target, ...(proposal.explanation ? { explanation: proposal.explanation } : {}) });
        this.info(`tandem: ${proposal.files.map((f) => `${fixLabel(f.role)} (${f.path})`).join(', ')}${proposal.explanation ? `: ${proposal.explanation}` : ''}\n`);
        let all = true;
        for (const file of proposal.files) {
          if (!this.options.json) this.io.stdout(formatUnifiedDiff(file.path, file.originalText, file.proposedText));
          if (!(await this.write(file.path, file.originalText, file.proposedText, false))) all = false;
        }
        fixes.push({ round: round.round, target: proposal.target, files: proposal.files.map((f) => f.path), written: all });
        return all ? { kind: 'applied', target: proposal.target } : { kind: 'rejected' };
      },
    };
    try {
      const result = await runFixLoop(steps, { maxRounds: this.options.fix ?? 0, ...(this.io.signal ? { signal: this.io.signal } : {}) });
      if (result.report) this.json.run = runJson(result.report);
      if (this.options.fix !== undefined) this.json.fix = { stop: result.stop, rounds: result.rounds, message: result.message, fixes };
      if (result.report) this.info(`tandem: ${summarizeRun(result.report)}\n`);
      if (this.options.fix !== undefined || result.stop !== 'max-rounds') this.info(`tandem: ${result.message}\n`);
      if (result.stop === 'cancelled') return this.finish(130);
      return this.finish(result.report?.passed ? 0 : 1);
    } catch (error) {
      if (this.json.run && !(error instanceof TestRunnerMissing)) {
        // The tests ran and failed; the fix could not be had: the verdict stays the tests'.
        this.io.stderr(`tandem: ${describe(error)}\n`);
        this.json.error = describe(error);
        return this.finish(1);
      }
      return this.failed(error);
    }
  }

  private command(prepared: PreparedGeneration) {
    return resolveRunCommand({
      files: this.files, detected: prepared.detected, configured: this.options.command ?? this.config.tests.command,
      testFile: prepared.plan.path, file: prepared.sourcePath, shell: process.platform === 'win32' ? 'cmd' : 'posix',
    });
  }

  private async runTests(prepared: PreparedGeneration, signal: AbortSignal): Promise<TestRunReport> {
    const command = await this.command(prepared);
    const cwd = path.join(this.options.root, ...command.cwd.split('/').filter(Boolean));
    this.info(`tandem: running ${command.command}${command.cwd ? ` (in ${command.cwd})` : ''}\n`);
    const result = await this.runner.run({ command: command.command, cwd, label: command.command }, signal);
    const report = reportTestRun(result, {
      command: command.command, cwd: command.cwd, absoluteCwd: cwd, framework: prepared.detected.framework, testFile: prepared.plan.path,
      ...(prepared.detected.goModule ? { goModule: prepared.detected.goModule } : {}),
    });
    // No runner, no verdict: nothing for the model to fix; the project or the command needs changing.
    const missing = missingRunner(result, report.totals !== undefined || report.failures.length > 0);
    if (missing) throw new TestRunnerMissing(command.command, missing);
    this.json.run = runJson(report);
    return report;
  }

  /** Writes a file atomically after --yes or the user's yes; refuses when it changed since it was read. */
  private async write(relativePath: string, originalText: string, text: string, created: boolean): Promise<boolean> {
    const absolute = path.join(this.options.root, ...relativePath.split('/'));
    const ok = this.options.yes || (this.io.confirm ? await this.io.confirm(`Write ${relativePath}? [y/N] `) : undefined);
    if (ok === undefined) {
      this.io.stderr(`tandem: ${relativePath} was not written: pass --yes to write without asking (no terminal to ask on).\n`);
      return false;
    }
    if (!ok) {
      this.info(`tandem: ${relativePath} was not written.\n`);
      return false;
    }
    const now = await readFile(absolute, 'utf8').catch(() => undefined);
    if (created ? now !== undefined : now !== originalText) {
      this.io.stderr(`tandem: ${relativePath} changed while the model was answering; it was not overwritten.\n`);
      return false;
    }
    await writeFileAtomic(absolute, text);
    this.info(`tandem: wrote ${relativePath}\n`);
    return true;
  }

  private failed(error: unknown): number {
    const cancelled = isLlmError(error, 'cancelled');
    this.json.error = cancelled ? 'Cancelled.' : isLlmError(error) ? describeCliFailure(error, this.setup) : describe(error);
    this.io.stderr(`tandem: ${this.json.error}\n`);
    return this.finish(cancelled ? 130 : 2);
  }

  private finish(code: number): number {
    if (this.options.json) this.io.stdout(`${JSON.stringify(this.json, null, 2)}\n`);
    return code;
  }

  private info(text: string): void {
    this.io.stderr(text);
  }
}

function parseOptions(argv: string[]): 'help' | Omit<Options, 'root'> {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true, strict: true,
    options: {
      run: { type: 'boolean' }, fix: { type: 'string' }, yes: { type: 'boolean', short: 'y' }, command: { type: 'string' }, json: { type: 'boolean' },
      'no-index': { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  if (positionals.length !== 1) throw new Error(positionals.length === 0 ? 'tandem tests needs the file to write tests for' : 'tandem tests takes one file');
  let fix: number | undefined;
  if (values.fix !== undefined) {
    fix = Number(values.fix);
    if (!/^\d+$/.test(values.fix) || fix > 10) throw new Error(`--fix takes a number of rounds from 0 to 10, got "${values.fix}"`);
  }
  if (values.command !== undefined && !values.command.trim()) throw new Error('--command needs a command line');
  return { file: positionals[0]!, run: values.run === true, fix, yes: values.yes === true, json: values.json === true, command: values.command, noIndex: values['no-index'] === true };
}

function runJson(report: TestRunReport): NonNullable<JsonReport['run']> {
  return {
    command: report.command, exitCode: report.exitCode ?? null, passed: report.passed, summary: summarizeRun(report),
    ...(report.totals ? { totals: report.totals } : {}), failures: report.failures,
  };
}

function describe(error: unknown): string {
  if (isLlmError(error) || error instanceof TestGenerationError) return forCommandLine(error.message);
  return error instanceof Error ? error.message : String(error);
}

function usageError(io: TestsIo, message: string): number {
  io.stderr(`tandem: ${message}\n\n${testsUsage}\n`);
  return 2;
}

/** A yes/no question on the terminal (only when standard input is one). */
export function terminalConfirm(): TestsIo['confirm'] {
  if (!process.stdin.isTTY) return undefined;
  return async (question) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    try {
      return /^y(es)?$/i.test((await rl.question(question)).trim());
    } finally {
      rl.close();
    }
  };
}
