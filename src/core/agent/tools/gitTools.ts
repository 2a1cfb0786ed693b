import { execFile } from 'node:child_process';
import type { ToolOutcome } from '../types';
import type { ToolCallContext, ToolEnvironment } from './environment';
import { failed, succeeded } from './toolResult';

/**
 * git_status / git_diff: read-only, with no side effects on the user's repository —
 * `--no-optional-locks` (and GIT_OPTIONAL_LOCKS=0) so status never refreshes the index, no
 * external diff tools, no pager, no color. Sections of files the gate refuses are left out.
 */
export async function gitStatusTool(env: ToolEnvironment, _args: Record<string, never>, ctx: ToolCallContext): Promise<ToolOutcome> {
  ctx.progress('reading git status');
  const result = await git(env.root, ['status', '--porcelain=v1', '--branch', '--untracked-files=all'], ctx.signal);
  if (!result.ok) return failed(result.error);
  const lines = result.stdout.split('\n').filter((line) => line !== '' && (line.startsWith('##') || !env.gate.refusalFor(line.slice(3).replace(/^.* -> /, '').replace(/^"|"$/g, ''))));
  return succeeded(lines.length <= 1 ? `${lines[0] ?? ''}\nworking tree clean` : lines.join('\n'), `git status: ${Math.max(0, lines.length - 1)} changed files`);
}

export async function gitDiffTool(env: ToolEnvironment, args: { staged?: boolean }, ctx: ToolCallContext): Promise<ToolOutcome> {
  ctx.progress(`reading git diff${args.staged ? ' --staged' : ''}`);
  const result = await git(env.root, ['diff', '--no-ext-diff', '--no-textconv', '--no-color', ...(args.staged ? ['--staged'] : [])], ctx.signal);
  if (!result.ok) return failed(result.error);
  const sections = result.stdout.split(/(?=^diff --git )/m);
  const kept: string[] = [];
  const hidden: string[] = [];
  for (const section of sections) {
    const file = /^diff --git a\/(.+?) b\//.exec(section)?.[1];
    if (file && env.gate.refusalFor(file)) hidden.push(file);
    else kept.push(section);
  }
  const text = env.gate.redact(kept.join('')).text;
  const note = hidden.length ? `\n[left out: ${hidden.join(', ')} (ignored or sensitive)]` : '';
  return succeeded(text.trim() ? `${text}${note}` : `no ${args.staged ? 'staged ' : ''}changes${note}`, `git diff${args.staged ? ' --staged' : ''}: ${kept.filter((s) => s.startsWith('diff --git')).length} files`);
}

function git(cwd: string, args: string[], signal: AbortSignal): Promise<{ ok: true; stdout: string } | { ok: false; error: string }> {
  return new Promise((resolve) => {
    execFile('git', ['--no-optional-locks', '-c', 'core.quotepath=off', '--no-pager', ...args], {
      cwd, signal, timeout: 30_000, maxBuffer: 32 * 1024 * 1024, windowsHide: true,
      env: { ...process.env, GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' },
    }, (error, stdout, stderr) => {
      if (!error) return resolve({ ok: true, stdout });
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return resolve({ ok: false, error: 'git is not installed on this machine.' });
      const message = String(stderr || error.message).trim();
      resolve({ ok: false, error: /not a git repository/i.test(message) ? 'This workspace is not a git repository.' : `git failed: ${message.split('\n')[0]}` });
    });
  });
}
