import type { ToolOutcome } from '../types';
import type { Problem, ResolvedFile, ToolCallContext, ToolEnvironment } from './environment';
import { failed, refused, succeeded } from './toolResult';

const severityOrder: Record<Problem['severity'], number> = { error: 0, warning: 1, info: 2, hint: 3 };

/**
 * get_problems: the editor's diagnostics (compiler, linter) of the files the agent changed, or of
 * the files it names. Errors first, one line each, cut to the result budget with a count of
 * what was left out.
 */
export async function problemsTool(env: ToolEnvironment, args: { paths?: string }, ctx: ToolCallContext): Promise<ToolOutcome> {
  if (!env.problems) return failed('get_problems is not available here (no editor diagnostics); run the compiler or linter with run_command instead.');
  let files: ResolvedFile[] | undefined;
  const named = (args.paths ?? '').split(/[,\n]/).map((p) => p.trim()).filter(Boolean);
  if (named.length > 0) {
    files = [];
    for (const candidate of named) {
      const target = await env.resolvePath(candidate, { forWrite: false });
      if (!target.ok) return refused(target.reason);
      files.push(target);
    }
  }
  ctx.progress('reading the Problems');
  const report = await env.problems(files, ctx.signal);
  const problems = report.problems
    .filter((p) => env.gate.refusalFor(p.path) === undefined)
    .sort((a, b) => severityOrder[a.severity] - severityOrder[b.severity] || a.path.localeCompare(b.path) || a.line - b.line || a.column - b.column);
  const counts = (['error', 'warning', 'info', 'hint'] as const).map((s) => [s, problems.filter((p) => p.severity === s).length] as const).filter(([, n]) => n > 0);
  const tally = counts.length ? counts.map(([s, n]) => `${n} ${s}${n === 1 ? '' : 's'}`).join(', ') : 'no problems';
  if (problems.length === 0) return succeeded(`No problems in ${report.scope}.`, `problems in ${report.scope}: none`);
  const lines: string[] = [];
  let used = 0;
  for (const p of problems) {
    const line = `${p.path}:${p.line}:${p.column}: ${p.severity}: ${env.gate.redact(p.message.replace(/\s*\n\s*/g, ' '), { path: p.path }).text}${p.source ? ` [${p.source}${p.code ? ` ${p.code}` : ''}]` : ''}`;
    if (used + line.length + 1 > ctx.resultBudget - 120 && lines.length > 0) break;
    lines.push(line);
    used += line.length + 1;
  }
  const rest = problems.length - lines.length;
  if (rest > 0) lines.push(`[… ${rest} more not shown; call get_problems with fewer paths]`);
  return succeeded(`Problems in ${report.scope} (${tally}):\n${lines.join('\n')}`, `problems in ${report.scope}: ${tally}`);
}
