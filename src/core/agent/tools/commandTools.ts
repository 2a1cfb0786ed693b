import path from 'node:path';
import {
  detectFrameworkFor, detectTestFrameworks, formatFailures, nodeWorkspaceFiles, reportTestRun, resolveRunCommand, summarizeRun,
  type DetectedFramework,
} from '../../testing';
import { cutToBudget } from '../contextBudget';
import type { ToolOutcome } from '../types';
import type { ShellRunResult, ToolCallContext, ToolEnvironment } from './environment';
import { failed, refused, succeeded } from './toolResult';

const defaultTimeoutMs = 120_000;
const maxTimeoutMs = 30 * 60_000;
/** How often a running command reports that it is still running. */
const keepAliveMs = 2_000;

/**
 * The approval rules for a command line: denied ones never run; ones that need approval (all
 * destructive ones, whatever the allowlist) are asked on a terminal and refused without one.
 */
export async function approveCommand(env: ToolEnvironment, command: string): Promise<ToolOutcome | undefined> {
  const verdict = env.judgeCommand(command);
  if (verdict.decision === 'allow') return undefined;
  if (verdict.decision === 'deny') return refused(`the command \`${command}\` is not allowed: ${verdict.reason}`);
  if (!env.approver) {
    return refused(`the command \`${command}\` needs the user's approval (${verdict.reason}) and there is no terminal to ask on; it was not run. Allow it with --allow or tandem.agent.allowedCommands${verdict.destructive ? ' (destructive commands always need approval)' : ''}.`);
  }
  const yes = await env.approver({ kind: 'command', subject: command, detail: verdict.reason, destructive: verdict.destructive });
  return yes ? undefined : refused(`the user declined to run \`${command}\`.`);
}

export async function runCommandTool(env: ToolEnvironment, args: { command: string; timeoutMs?: number }, ctx: ToolCallContext, started: () => Promise<void>): Promise<ToolOutcome> {
  const command = args.command.trim();
  if (!command) return failed('run_command needs a non-empty "command".');
  const approval = await approveCommand(env, command);
  if (approval) return approval;
  const timeoutMs = Math.min(Math.max(args.timeoutMs ?? defaultTimeoutMs, 1_000), maxTimeoutMs);
  const result = await runWithKeepAlive(env, command, env.root, timeoutMs, ctx, started);
  const output = cutToBudget(env.gate.redact(result.output).text, ctx.resultBudget);
  const status = describeExit(result, timeoutMs);
  const content = `$ ${command}\n${status} after ${seconds(result.durationMs)}\n${output || '(no output)'}`;
  const extra = { command: { command, exitCode: result.exitCode, durationMs: result.durationMs } };
  return result.exitCode === 0 ? succeeded(content, `ran ${command}: ${status}`, extra) : failed(content, `ran ${command}: ${status}`, extra);
}

export async function runTestsTool(env: ToolEnvironment, args: { path?: string }, ctx: ToolCallContext, started: () => Promise<void>): Promise<ToolOutcome> {
  const files = nodeWorkspaceFiles(env.root);
  let testFile: string | undefined;
  if (args.path) {
    const target = await env.resolvePath(args.path, { forWrite: false });
    if (!target.ok) return refused(target.reason);
    testFile = target.relative;
  }
  let detected: DetectedFramework | undefined;
  let run;
  try {
    detected = testFile ? await detectFrameworkFor(files, testFile) : (await detectTestFrameworks(files))[0];
    run = await resolveRunCommand({ files, detected, configured: env.testsCommand, testFile, shell: process.platform === 'win32' ? 'cmd' : 'posix' });
  } catch (error) {
    return failed((error as Error).message);
  }
  const approval = await approveCommand(env, run.command);
  if (approval) return approval;
  const cwd = path.join(env.root, ...run.cwd.split('/').filter(Boolean));
  const result = await runWithKeepAlive(env, run.command, cwd, maxTimeoutMs, ctx, started);
  const report = reportTestRun({ exitCode: result.exitCode ?? undefined, output: result.output }, {
    command: run.command, cwd: run.cwd, absoluteCwd: cwd, ...(detected ? { framework: detected.framework } : {}), ...(testFile ? { testFile } : {}),
    ...(detected?.goModule ? { goModule: detected.goModule } : {}),
  });
  const summary = summarizeRun(report);
  const failures = report.failures.length ? `\nFailures:\n${formatFailures(report.failures)}` : '';
  // Without parsed failures the output's tail is what explains the result.
  const tail = report.passed || report.failures.length ? '' : `\nOutput:\n${result.output}`;
  const content = cutToBudget(env.gate.redact(`$ ${run.command}${run.cwd ? ` (in ${run.cwd})` : ''}\n${report.passed ? 'PASSED' : 'FAILED'}: ${summary} (${describeExit(result, maxTimeoutMs)}, ${seconds(result.durationMs)})${failures}${tail}`).text, ctx.resultBudget);
  const extra = { command: { command: run.command, exitCode: result.exitCode, durationMs: result.durationMs } };
  return report.passed ? succeeded(content, `tests passed: ${summary}`, extra) : failed(content, `tests failed: ${summary}`, extra);
}

async function runWithKeepAlive(env: ToolEnvironment, command: string, cwd: string, timeoutMs: number, ctx: ToolCallContext, started: () => Promise<void>): Promise<ShellRunResult> {
  await started();
  const begin = Date.now();
  ctx.progress(`running ${command}`);
  const timer = setInterval(() => ctx.progress(`running ${command} — ${Math.round((Date.now() - begin) / 1000)} s`), keepAliveMs);
  try {
    return await env.runShell({ command, cwd, timeoutMs, signal: ctx.signal, onOutput: ctx.output });
  } finally {
    clearInterval(timer);
  }
}

function describeExit(result: ShellRunResult, timeoutMs: number): string {
  if (result.error) return `could not start: ${result.error}`;
  if (result.cancelled) return 'cancelled';
  if (result.timedOut) return `timed out after ${seconds(timeoutMs)} and was stopped`;
  if (result.exitCodeUnknown) return 'ended, exit code unknown (the terminal did not report it)';
  if (result.exitCode === null) return `killed by ${result.signal ?? 'a signal'}`;
  return `exit code ${result.exitCode}`;
}

function seconds(ms: number): string {
  return ms < 1_000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
