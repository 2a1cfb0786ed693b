import { baseName, dirName, joinPath } from '../workspaceFiles';

/**
 * Where a project keeps the tests of its JS or Python sources, relative to the project root:
 * - beside:    src/cart.ts -> src/cart.test.ts
 * - subfolder: src/cart.ts -> src/__tests__/cart.test.ts (or src/tests/test_cart.py)
 * - tree:      src/cart.ts -> test/cart.test.ts, mirroring folders below the source root
 *              (src/, lib/, ...) unless the tests all sit flat in the test root.
 */
export type Layout =
  | { kind: 'beside' }
  | { kind: 'subfolder'; folder: string }
  | { kind: 'tree'; testRoot: string; flat: boolean };

/** How test files are named: JS `cart.test.ts` / `cart.spec.ts`, Python `test_cart.py` / `cart_test.py`. */
export type Naming =
  | { language: 'javascript'; infix: 'test' | 'spec'; ext?: string }
  | { language: 'python'; style: 'prefix' | 'suffix' };

const treeRoots = new Set(['test', 'tests', 'spec', '__tests__']);
const sourceRoots = new Set(['src', 'lib', 'app', 'source', 'pkg']);

export function describeLayout(layout: Layout): string {
  if (layout.kind === 'beside') return 'next to the source';
  if (layout.kind === 'subfolder') return `in a ${layout.folder}/ folder next to the source`;
  return `under ${layout.testRoot}/${layout.flat ? '' : ', mirroring the source folders'}`;
}

/** The layout one existing test file (project-relative path) follows. */
export function layoutOf(testPath: string): Layout {
  const segments = testPath.split('/');
  const first = segments[0] ?? '';
  if (segments.length > 1 && treeRoots.has(first)) return { kind: 'tree', testRoot: first, flat: segments.length === 2 };
  const parent = baseName(dirName(testPath));
  if (parent === '__tests__' || (segments.length > 2 && (parent === 'tests' || parent === 'test'))) return { kind: 'subfolder', folder: parent };
  return { kind: 'beside' };
}

/**
 * The layout most existing tests follow; tests in the source's own folder (or its test
 * subfolder) win outright, since a folder's neighbours are the convention that applies there.
 */
export function inferLayout(existingTests: readonly string[], sourcePath: string): Layout | undefined {
  const sourceDir = dirName(sourcePath);
  const near = existingTests.find((t) => dirName(t) === sourceDir || (dirName(dirName(t)) === sourceDir && layoutOf(t).kind === 'subfolder'));
  if (near) return layoutOf(near);
  const layouts = existingTests.map(layoutOf);
  const counts = new Map<string, { layout: Layout; count: number }>();
  for (const layout of layouts) {
    const key = layout.kind === 'tree' ? `tree:${layout.testRoot}` : layout.kind === 'subfolder' ? `sub:${layout.folder}` : 'beside';
    const entry = counts.get(key) ?? { layout, count: 0 };
    entry.count++;
    // A tree is flat only if every test in it is.
    if (entry.layout.kind === 'tree' && layout.kind === 'tree') entry.layout = { ...entry.layout, flat: entry.layout.flat && layout.flat };
    counts.set(key, entry);
  }
  return [...counts.values()].sort((a, b) => b.count - a.count)[0]?.layout;
}

/** The naming most existing tests follow (the source's extension unless no test uses it). */
export function inferNaming(existingTests: readonly string[], language: 'javascript' | 'python', sourcePath: string): Naming | undefined {
  if (!existingTests.length) return undefined;
  const names = existingTests.map(baseName);
  if (language === 'python') {
    const prefixed = names.filter((n) => n.startsWith('test_')).length;
    return { language, style: prefixed * 2 >= names.length ? 'prefix' : 'suffix' };
  }
  const spec = names.filter((n) => /\.spec\.[^.]+$/.test(n)).length;
  const exts = names.map((n) => n.slice(n.lastIndexOf('.') + 1));
  const sourceExt = sourcePath.slice(sourcePath.lastIndexOf('.') + 1);
  const only = new Set(exts).size === 1 ? exts[0] : undefined;
  return { language, infix: spec * 2 > names.length ? 'spec' : 'test', ...(only && !exts.includes(sourceExt) ? { ext: only } : {}) };
}

/** The test file name for a source file under a naming. */
export function testFileName(sourcePath: string, naming: Naming): string {
  const name = baseName(sourcePath);
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  if (naming.language === 'python') return naming.style === 'prefix' ? `test_${stem}.py` : `${stem}_test.py`;
  return `${stem}.${naming.infix}.${naming.ext ?? (dot > 0 ? name.slice(dot + 1) : 'js')}`;
}

/** Project-relative test path for a project-relative source path. */
export function placeUnder(layout: Layout, sourcePath: string, fileName: string): string {
  const dir = dirName(sourcePath);
  if (layout.kind === 'beside') return joinPath(dir, fileName);
  if (layout.kind === 'subfolder') return joinPath(dir, layout.folder, fileName);
  if (layout.flat) return joinPath(layout.testRoot, fileName);
  const segments = dir ? dir.split('/') : [];
  if (segments.length && sourceRoots.has(segments[0] ?? '')) segments.shift();
  return joinPath(layout.testRoot, ...segments, fileName);
}
