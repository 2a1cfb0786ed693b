import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { nodeOutboundGate } from '../../core/context';
import { readAgentRules } from '../../core/agent/rulesFiles';
import { nodeWorkspaceFiles } from '../../core/testing/nodeWorkspaceFiles';
import { writeFileAtomic } from '../../core/fs/atomicWrite';
import { isLlmError } from '../../core/llm';
import { formatFindingLine, reviewDiff, severityRank, toSarif, type ReviewResult, type Severity } from '../../core/review';
import { readSeverity } from '../../core/review/replyFormat';
import { cliLogger, createCliClient, describeCliFailure, globalOptionsHelp, type CliSetup } from '../cliSetup';
import { describeArgsError } from '../commandLineWording';
import { languageOf } from '../languageOf';
import { readTextFile } from '../readTextFile';
import { gitTopLevel, indexText, scopeDiff, ScopeError, type ReviewScope } from './reviewGit';

export const reviewUsage = `Usage: tandem review [--staged | --base REF] [--min-severity LEVEL] [--json | --sarif FILE] [global options]

Asks the configured model to review a change in the git repository of the project folder (--cwd)
and prints its findings as compiler-style lines (path:line: severity: message [category], the
path relative to the current folder; --json and SARIF use repository-relative paths), each
followed by its explanation, indented. Only findings on changed lines are kept.

  (no scope flag)       all uncommitted changes (staged and not) against HEAD; untracked
                        files are not part of it until added (git add -N FILE)
  --staged              the staged changes only (what the next commit holds)
  --base REF            the current branch against REF: the changes since their merge-base
  --min-severity LEVEL  error (default), warning or info: the exit code is 1 when a finding is
                        at or above it; every finding is printed either way
  --json                print {"findings","reviewed","summarised","skipped","truncated"} instead
  --sarif FILE          also write the findings as SARIF 2.1.0 (for code-scanning dashboards)

Lock files and generated files are summarised, not reviewed; files matched by .gitignore,
tandem.ignore or the sensitive-file list are never sent; secrets are redacted. Settings:
tandem.review.maxFindingsPerFile (default 5). git is only read, never written.

${globalOptionsHelp}

Exit codes: 0 no finding at or above --min-severity (or nothing to review), 1 a finding at or
above it, or the model server failed (message on stderr), 2 bad usage (not a git repository, an
unknown REF, ...), 130 interrupted.`;

export interface ReviewIo {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  signal?: AbortSignal;
}

interface Options {
  scope: ReviewScope;
  minSeverity: Severity;
  json: boolean;
  sarif?: string;
}

export async function runReview(argv: string[], io: ReviewIo, setup: CliSetup): Promise<number> {
  const options = readOptions(argv);
  if (options === 'help') {
    io.stdout(`${reviewUsage}\n`);
    return 0;
  }
  if (typeof options === 'string') return usageError(io, options);
  const top = await gitTopLevel(setup.root);
  if (!top) return usageError(io, `${setup.root} is not inside a git repository; tandem review reviews git changes (pass --cwd with the repository's folder)`);

  let scope;
  try {
    scope = await scopeDiff(top, options.scope);
  } catch (error) {
    if (error instanceof ScopeError) return usageError(io, error.message);
    io.stderr(`tandem: git failed: ${(error as Error).message}\n`);
    return 2;
  }
  if (!scope.diff.trim()) {
    io.stderr(`tandem: nothing to review: ${scope.describe} are empty.\n`);
    return finish(io, options, emptyResult(), top);
  }
  const ignore = setup.settings.read('ignore');
  const gate = await nodeOutboundGate(top, Array.isArray(ignore) ? ignore.filter((p): p is string => typeof p === 'string') : []);
  const rules = await readAgentRules(top, top, gate);
  const logger = cliLogger(setup, io.stderr);
  const client = createCliClient(setup, logger);
  const maxPerFile = positiveInt(setup.settings.read('review.maxFindingsPerFile')) ?? 5;
  const budgetTokens = Math.min(12_000, Math.max(1_000, Math.floor(setup.config.provider.contextWindow * 0.4)));
  let result: ReviewResult;
  try {
    result = await reviewDiff(client, {
      diff: scope.diff, gate, rules, maxPerFile, budgetTokens, files: nodeWorkspaceFiles(top), ...(io.signal ? { signal: io.signal } : {}),
      readFile: async (file) => {
        const text = scope.newSide === 'index' ? await indexText(top, file) : await readTextFile(path.join(top, file));
        return typeof text === 'string' ? { text, languageId: languageOf(file) } : undefined;
      },
      onProgress: ({ done, total, files }) => {
        if (files.length) logger.info(`review: reviewing ${done + 1}${files.length > 1 ? `-${done + files.length}` : ''} of ${total} files (${files.join(', ')})`);
      },
    });
  } catch (error) {
    if (isLlmError(error, 'cancelled') || io.signal?.aborted) return 130;
    io.stderr(`tandem: ${describeCliFailure(error, setup)}\n`);
    return 1;
  }
  for (const note of result.notes) logger.info(`review: ${note}`);
  if (result.redactions > 0) io.stderr(`tandem: ${result.redactions} secret(s) redacted from the change before sending.\n`);
  if (result.truncated) io.stderr('tandem: a reply was cut off at its output limit; some findings may be missing (--verbose says which files).\n');
  return finish(io, options, result, top);
}

async function finish(io: ReviewIo, options: Options, result: ReviewResult, top: string): Promise<number> {
  if (options.sarif !== undefined) {
    const file = path.resolve(io.cwd, options.sarif);
    try {
      await writeFileAtomic(file, `${JSON.stringify(toSarif(result.findings, { rootUri: pathToFileURL(top).href }), null, 2)}\n`);
    } catch (error) {
      io.stderr(`tandem: cannot write --sarif ${options.sarif}: ${(error as Error).message}\n`);
      return 2;
    }
  }
  if (options.json) {
    const { findings, reviewed, summarised, skipped, truncated } = result;
    io.stdout(`${JSON.stringify({ findings, reviewed, summarised, skipped, truncated }, null, 2)}\n`);
  } else {
    for (const finding of result.findings) {
      // Relative to the current folder, so a terminal or CI log can open the line from where it ran.
      const shown = path.relative(io.cwd, path.join(top, finding.path)).split(path.sep).join('/');
      io.stdout(`${formatFindingLine({ ...finding, path: shown })}\n`);
      for (const line of finding.explanation ? finding.explanation.split('\n') : []) io.stdout(`    ${line}\n`);
      if (finding.fix) io.stdout(`    suggested fix:\n${finding.fix.diff.replace(/\n$/, '').split('\n').map((l) => `      ${l}`).join('\n')}\n`);
    }
  }
  const counts = (['error', 'warning', 'info'] as const).map((s) => [s, result.findings.filter((f) => f.severity === s).length] as const).filter(([, n]) => n > 0);
  if (result.reviewed.length > 0 || result.summarised.length > 0) {
    const found = counts.length ? counts.map(([s, n]) => `${n} ${s}${n === 1 ? '' : 's'}`).join(', ') : 'no findings';
    const summarised = result.summarised.length ? `; summarised, not reviewed: ${result.summarised.map((s) => s.path).join(', ')}` : '';
    const skipped = result.skipped.length ? `; not sent: ${result.skipped.map((s) => `${s.path} (${s.reason.split(':')[0]})`).join(', ')}` : '';
    io.stderr(`tandem: ${found} in ${result.reviewed.length} reviewed file${result.reviewed.length === 1 ? '' : 's'}${summarised}${skipped}.\n`);
  }
  const failing = result.findings.some((f) => severityRank(f.severity) >= severityRank(options.minSeverity));
  return failing ? 1 : 0;
}

function readOptions(argv: string[]): Options | 'help' | string {
  let values: { staged?: boolean; base?: string; 'min-severity'?: string; json?: boolean; sarif?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv, allowPositionals: false, strict: true,
      options: { staged: { type: 'boolean' }, base: { type: 'string' }, 'min-severity': { type: 'string' }, json: { type: 'boolean' }, sarif: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    return describeArgsError(error, 'review');
  }
  if (values.help) return 'help';
  if (values.staged && values.base !== undefined) return '--staged and --base are two different scopes; give one';
  if (values.json && values.sarif !== undefined) return '--json and --sarif are two different outputs; give one';
  if (values.base !== undefined && !values.base.trim()) return '--base needs a ref, e.g. --base main';
  if (values.sarif !== undefined && !values.sarif.trim()) return '--sarif needs a file name, e.g. --sarif review.sarif';
  const level = values['min-severity'];
  const minSeverity = level === undefined ? 'error' : readSeverity(level);
  if (!minSeverity || (level !== undefined && !['error', 'warning', 'info'].includes(level.toLowerCase()))) return `--min-severity ${level}: expected error, warning or info`;
  const scope: ReviewScope = values.staged ? { kind: 'staged' } : values.base !== undefined ? { kind: 'base', ref: values.base.trim() } : { kind: 'uncommitted' };
  return { scope, minSeverity, json: values.json ?? false, ...(values.sarif !== undefined ? { sarif: values.sarif } : {}) };
}

function emptyResult(): ReviewResult {
  return { findings: [], reviewed: [], summarised: [], skipped: [], notes: [], redactions: 0, truncated: false };
}

function positiveInt(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}

function usageError(io: ReviewIo, message: string): number {
  io.stderr(`tandem: ${message}\n\n${reviewUsage}\n`);
  return 2;
}
