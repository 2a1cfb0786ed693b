import { describeFailures, formatUnifiedDiff, type EditPlan, type FileEditResult } from '../../core/edits';

/** One file's outcome, with where it lives on disk. */
export interface FileOutcome {
  result: FileEditResult;
  absolute?: string;
  renameAbsolute?: string;
  /** The text before the edit; undefined for a new file. */
  original?: string;
}

/**
 * What `tandem apply` prints: with --json the machine-readable result only; otherwise the diff
 * (--dry-run), one summary line per file on stdout, and the retry feedback for failures on stderr.
 */
/** Where the report goes: the command's standard output and error. */
export interface ReportIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export function report(io: ReportIo, plan: EditPlan, outcomes: FileOutcome[], options: { json: boolean; dryRun: boolean }): void {
  const results = outcomes.map((o) => o.result);
  if (options.json) {
    io.stdout(`${JSON.stringify({ files: results.map(jsonFile) }, null, 2)}\n`);
    return;
  }
  if (plan.files.length === 0) {
    io.stderr('tandem: the response contains no edits (no SEARCH/REPLACE block, diff, patch, or code block naming a file).\n');
    return;
  }
  if (options.dryRun) {
    for (const outcome of outcomes) {
      const { result } = outcome;
      if (result.status !== 'applied' || result.path === undefined) continue;
      const newPath = result.renameTo ?? result.path;
      io.stdout(formatUnifiedDiff(result.path, outcome.original, result.deleted ? undefined : result.newText, { oldName: outcome.original === undefined ? '/dev/null' : `a/${result.path}`, newName: result.deleted ? '/dev/null' : `b/${newPath}` }));
    }
  }
  for (const result of results) io.stdout(`${summaryLine(result, options.dryRun)}\n`);
  const feedback = describeFailures(results, plan);
  if (feedback) io.stderr(`\n${feedback}`);
}

function summaryLine(result: FileEditResult, dryRun: boolean): string {
  const name = result.path ?? '(no file named)';
  if (result.status === 'failed') {
    const failed = result.blocks.filter((b) => b.status === 'failed').length;
    return `failed     ${name}: ${failed} of ${result.blocks.length} block(s) failed, file left untouched`;
  }
  if (result.alreadyApplied) return `unchanged  ${name} (already applied: the file already has these changes; nothing written)`;
  if (result.status === 'unchanged') return `unchanged  ${name}`;
  const what = result.deleted ? 'delete' : result.created ? 'create' : result.renameTo ? `move to ${result.renameTo}` : 'update';
  const how = result.blocks.map((b) => (b.forgiven?.length ? `${b.strategy} ignoring ${b.forgiven.join(', ')}` : b.strategy)).join('; ');
  return `${dryRun ? 'would ' : ''}${what} ${name} (${how})`;
}

function jsonFile(result: FileEditResult): object {
  return {
    path: result.path ?? null,
    status: result.alreadyApplied ? 'already-applied' : result.status,
    ...(result.renameTo ? { renameTo: result.renameTo } : {}),
    ...(result.message ? { message: result.message } : {}),
    blocks: result.blocks.map((block) => ({
      index: block.index,
      status: block.status,
      strategy: block.strategy ?? null,
      ...(block.forgiven ? { forgiven: block.forgiven } : {}),
      ...(block.candidates ? { candidates: block.candidates.map((c) => ({ startLine: c.startLine, endLine: c.endLine })) } : {}),
      ...(block.closest ? { closest: { startLine: block.closest.startLine, endLine: block.closest.endLine, similarity: block.closest.similarity } } : {}),
      ...(block.reason ? { reason: block.reason } : {}),
    })),
  };
}

