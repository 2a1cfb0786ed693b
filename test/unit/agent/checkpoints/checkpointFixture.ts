import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Checkpoints } from '../../../../src/core/agent/checkpoints';

/** A fingerprint of a whole tree: every path, its type, mode bits and bytes (or link target). */
export function hashTree(folder: string, skip: (relative: string) => boolean = () => false): string {
  const hash = createHash('sha256');
  const walk = (relative: string): void => {
    const absolute = path.join(folder, relative);
    for (const name of readdirSync(absolute).sort()) {
      const child = relative ? `${relative}/${name}` : name;
      if (skip(child)) continue;
      const info = lstatSync(path.join(folder, child));
      hash.update(`${child}\0${info.mode}\0`);
      if (info.isSymbolicLink()) hash.update(readlinkSync(path.join(folder, child)));
      else if (info.isDirectory()) walk(child);
      else hash.update(readFileSync(path.join(folder, child)));
      hash.update('\n');
    }
  };
  walk('');
  return hash.digest('hex');
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], {
    cwd, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' },
  });
}

export function write(root: string, relative: string, content: string | Buffer, mode?: number): void {
  const file = path.join(root, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
  if (mode !== undefined) chmodSync(file, mode);
}

/** What the agent does for one file in one step: checkpoint, change, record. `null` deletes. */
export async function agentWrites(checkpoints: Checkpoints, root: string, step: number, relative: string, content: string | Buffer | null, mode?: number): Promise<void> {
  await checkpoints.beforeWrite(step, relative);
  if (content === null) rmSync(path.join(root, relative));
  else write(root, relative, content, mode);
  await checkpoints.afterWrite(step, relative);
}

export async function agentRenames(checkpoints: Checkpoints, root: string, step: number, from: string, to: string): Promise<void> {
  await checkpoints.beforeWrite(step, from);
  await checkpoints.beforeWrite(step, to);
  mkdirSync(path.dirname(path.join(root, to)), { recursive: true });
  execFileSync('mv', [path.join(root, from), path.join(root, to)]);
  await checkpoints.afterWrite(step, from);
  await checkpoints.afterWrite(step, to);
}

export function modeOf(root: string, relative: string): number {
  return lstatSync(path.join(root, relative)).mode & 0o777;
}
