// Loads one golden case of test/fixtures/edits/cases and checks it the way the CLI applies edits:
// parse the response, apply each file to its "before" text, build the file tree after, compare.
// Shared by the corpus test and `npm run bench -- edits` (the corpus success rate).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { applyEditPlan, formatUnifiedDiff, parseEditResponse, type FailureCode, type FileEditResult, type MatchStrategy } from '../../../src/core/edits';

export interface CaseSpec {
  description: string;
  defaultPath?: string;
  expect: 'applied' | 'failed';
  /** For expect 'failed': the file (null: no file named) and block that must fail, and why. */
  fail?: { path: string | null; block: number; code: FailureCode; reasonMatches: string };
  /** Strategies the blocks of each file must have used, in order. */
  strategies?: Record<string, MatchStrategy[]>;
}

export interface LoadedCase {
  name: string;
  spec: CaseSpec;
  response: string;
  before: Map<string, string>;
  after: Map<string, string>;
}

export function caseNames(casesDir: string): string[] {
  return readdirSync(casesDir).filter((name) => statSync(path.join(casesDir, name)).isDirectory()).sort();
}

export function loadCase(casesDir: string, name: string): LoadedCase {
  const dir = path.join(casesDir, name);
  return {
    name,
    spec: JSON.parse(readFileSync(path.join(dir, 'case.json'), 'utf8')) as CaseSpec,
    response: readFileSync(path.join(dir, 'response.md'), 'utf8'),
    before: readTree(path.join(dir, 'before')),
    after: readTree(path.join(dir, 'after')),
  };
}

/** Every file under `root` by its /-separated relative path, read byte-exact (BOM and CRLF kept). */
function readTree(root: string): Map<string, string> {
  const files = new Map<string, string>();
  if (!existsSync(root)) return files;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.set(path.relative(root, full).split(path.sep).join('/'), readFileSync(full, 'utf8'));
    }
  };
  walk(root);
  return files;
}

export interface CaseRun {
  results: FileEditResult[];
  tree: Map<string, string>;
}

/** Applies the case's response to its "before" files; failed files stay as they were. */
export function runCase(loaded: LoadedCase): CaseRun {
  const plan = parseEditResponse(loaded.response, loaded.spec.defaultPath ? { defaultPath: loaded.spec.defaultPath } : {});
  const results = applyEditPlan(plan, (file) => loaded.before.get(file));
  const tree = new Map(loaded.before);
  for (const result of results) {
    if (result.status === 'failed' || result.path === undefined) continue;
    if (result.deleted) tree.delete(result.path);
    else if (result.newText !== undefined) {
      if (result.renameTo) tree.delete(result.path);
      tree.set(result.renameTo ?? result.path, result.newText);
    }
  }
  return { results, tree };
}

/** What differs from the case's expectations; empty when the case passes. */
export function checkCase(loaded: LoadedCase, { results, tree }: CaseRun): string[] {
  const { spec } = loaded;
  const problems: string[] = [];
  if (spec.expect === 'applied') {
    if (results.length === 0) problems.push('the response should contain edits');
    for (const r of results.filter((r) => r.status === 'failed')) problems.push(`${r.path ?? '(no file)'} failed: ${r.message ?? r.blocks.find((b) => b.status === 'failed')?.reason}`);
  } else {
    const fail = spec.fail!;
    const file = results.find((r) => (r.path ?? null) === fail.path);
    const block = file?.blocks.find((b) => b.index === fail.block);
    if (!file || file.status !== 'failed' || file.newText !== undefined) problems.push(`${fail.path} should fail, got ${file?.status ?? 'no result'}`);
    else if (!block || block.status !== 'failed') problems.push(`block ${fail.block} of ${fail.path} should fail`);
    else {
      if (block.code !== fail.code) problems.push(`block ${fail.block} failed with ${block.code}, expected ${fail.code}: ${block.reason}`);
      if (!new RegExp(fail.reasonMatches).test(block.reason ?? '')) problems.push(`reason "${block.reason}" does not match /${fail.reasonMatches}/`);
    }
  }
  for (const [file, strategies] of Object.entries(spec.strategies ?? {})) {
    const used = results.find((r) => r.path === file)?.blocks.map((b) => b.strategy);
    if (JSON.stringify(used) !== JSON.stringify(strategies)) problems.push(`${file} used strategies ${JSON.stringify(used)}, expected ${JSON.stringify(strategies)}`);
  }
  const names = [...new Set([...tree.keys(), ...loaded.after.keys()])].sort();
  for (const name of names) {
    const actual = tree.get(name);
    const expected = loaded.after.get(name);
    if (actual === expected) continue;
    if (expected === undefined) problems.push(`${name} should not exist after the edit`);
    else if (actual === undefined) problems.push(`${name} is missing after the edit`);
    else problems.push(`${name} differs from the expected text:\n${formatUnifiedDiff(name, expected, actual, { oldName: 'expected', newName: 'actual' }) || JSON.stringify({ expected, actual })}`);
  }
  return problems;
}
