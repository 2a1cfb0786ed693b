import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { OutboundGate } from '../context/outboundGate';
import { languageForPath } from './languages';

export interface WalkLimits {
  /** Files larger than this are generated or data: skipped. */
  maxFileBytes: number;
  /** The index stops growing here (memory bound); the rest is reported as skipped. */
  maxFiles: number;
}

export const defaultWalkLimits: WalkLimits = { maxFileBytes: 1_000_000, maxFiles: 60_000 };

/** Folders no index wants, whatever .gitignore says (dependencies, VCS, build output caches). */
const unwalked = new Set(['node_modules', '.git', '.hg', '.svn', '__pycache__', '.venv', 'venv', '.tox', '.mypy_cache', '.next', '.nuxt', 'target', 'bower_components', '.gradle', '.idea', '.vs']);

export interface WorkspaceFile {
  path: string;
  size: number;
  mtimeMs: number;
}

export interface WalkResult {
  files: WorkspaceFile[];
  /** Files the walk left out because of `maxFiles`. */
  overLimit: number;
}

/**
 * The files the index may read: a language it parses, allowed by the outbound gate (.gitignore,
 * tandem.ignore, sensitive files), not too large. Ignored folders are never entered.
 */
export async function walkWorkspace(root: string, gate: OutboundGate, limits: WalkLimits = defaultWalkLimits, signal?: AbortSignal): Promise<WalkResult> {
  const files: WorkspaceFile[] = [];
  let overLimit = 0;
  const queue: string[] = [''];
  while (queue.length > 0) {
    if (signal?.aborted) break;
    const dir = queue.shift()!;
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fs.readdir(path.join(root, dir), { withFileTypes: true });
    } catch {
      continue; // unreadable folder: it is not indexed
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const candidates: string[] = [];
    for (const entry of entries) {
      const rel = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!unwalked.has(entry.name) && gate.refusalFor(`${rel}/`) === undefined) queue.push(rel);
      } else if (entry.isFile() && languageForPath(rel) && gate.refusalFor(rel) === undefined) candidates.push(rel);
    }
    const stats = await Promise.all(candidates.map((rel) => fs.stat(path.join(root, rel)).catch(() => undefined)));
    candidates.forEach((rel, i) => {
      const stat = stats[i];
      if (!stat || stat.size > limits.maxFileBytes) return;
      if (files.length >= limits.maxFiles) overLimit++;
      else files.push({ path: rel, size: stat.size, mtimeMs: stat.mtimeMs });
    });
  }
  return { files, overLimit };
}

/**
 * One file as the walk would list it (same modification-time precision, same size limit), or
 * undefined when it is gone, not a file, or too large: the incremental update's view of a path.
 */
export async function statWorkspaceFile(root: string, rel: string, limits: WalkLimits = defaultWalkLimits): Promise<WorkspaceFile | undefined> {
  const stat = await fs.stat(path.join(root, rel)).catch(() => undefined);
  if (!stat?.isFile() || stat.size > limits.maxFileBytes) return undefined;
  return { path: rel, size: stat.size, mtimeMs: stat.mtimeMs };
}

/** A text file's content, or undefined for a binary one (a NUL byte in its first 8 KB) or one that vanished. */
export async function readSourceFile(absolutePath: string): Promise<string | undefined> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(absolutePath);
  } catch {
    return undefined;
  }
  if (bytes.subarray(0, 8192).includes(0)) return undefined;
  return bytes.toString('utf8');
}
