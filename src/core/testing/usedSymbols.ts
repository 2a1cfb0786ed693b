import { identifiers } from '../context/snippetSelection';
import { languageOf } from './conventions/testFiles';
import { declarationOf, linesOf } from './declarations';
import { findProjectRoot } from './detect';
import { dirName, joinPath, type WorkspaceFiles } from './workspaceFiles';

/** A declaration from another workspace file that the code under test uses. */
export interface UsedSymbol {
  name: string;
  /** Workspace-relative. */
  path: string;
  startLine: number;
  text: string;
}

export interface UsedSymbolsOptions {
  maxSymbols?: number;
  /** Longer declarations are cut to this many lines. */
  maxLines?: number;
}

/** One name a file imports: the local name, the name in the module, and the module's specifier. */
interface ImportBinding {
  local: string;
  imported: string | '*';
  specifier: string;
}

const jsExtensions = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts'];

/**
 * The declarations of the names `focus` uses that the source file imports from other workspace
 * files (relative imports in JS/TS, package and relative imports in Python): the types, helpers
 * and constants a test must know to call the code. Cheap by design: import statements are read
 * with patterns, files are read once, nothing outside the workspace is followed.
 */
export async function findUsedSymbols(files: WorkspaceFiles, sourcePath: string, sourceText: string, focus: string, options: UsedSymbolsOptions = {}): Promise<UsedSymbol[]> {
  const language = languageOf(sourcePath);
  if (language !== 'javascript' && language !== 'python') return [];
  const maxSymbols = options.maxSymbols ?? 8;
  const maxLines = options.maxLines ?? 40;
  const used = identifiers(focus);
  const memberUses = [...focus.matchAll(/\b([A-Za-z_$][\w$]*)\.([A-Za-z_$][\w$]*)/g)];
  const bindings = language === 'javascript' ? jsImports(sourceText) : pythonImports(sourceText);

  const wanted: { binding: ImportBinding; name: string }[] = [];
  for (const binding of bindings) {
    if (!used.has(binding.local)) continue;
    if (binding.imported !== '*') wanted.push({ binding, name: binding.imported });
    else for (const use of memberUses) if (use[1] === binding.local && use[2]) wanted.push({ binding, name: use[2] });
  }

  const symbols: UsedSymbol[] = [];
  const seen = new Set<string>();
  const texts = new Map<string, Promise<{ path: string; text: string } | undefined>>();
  for (const { binding, name } of wanted) {
    if (symbols.length >= maxSymbols) break;
    let module = texts.get(binding.specifier);
    if (!module) texts.set(binding.specifier, (module = resolveModule(files, sourcePath, binding.specifier, language)));
    const file = await module;
    if (!file || seen.has(`${file.path}#${name}`)) continue;
    seen.add(`${file.path}#${name}`);
    const declaration = declarationOf(file.text, name, language);
    if (!declaration) continue;
    const endLine = Math.min(declaration.endLine, declaration.startLine + maxLines - 1);
    const cut = endLine < declaration.endLine ? `\n${language === 'python' ? '#' : '//'} … (${declaration.endLine - endLine} more lines)` : '';
    symbols.push({ name, path: file.path, startLine: declaration.startLine, text: linesOf(file.text, declaration.startLine, endLine) + cut });
  }
  return symbols;
}

/** `import a, { b as c, type D } from './x'`, `import * as ns from './x'`, `const { e } = require('./x')`. */
export function jsImports(text: string): ImportBinding[] {
  const bindings: ImportBinding[] = [];
  const relative = (specifier: string) => specifier.startsWith('./') || specifier.startsWith('../');
  for (const m of text.matchAll(/\bimport\s+(?:type\s+)?([^'";]*?)\s*from\s*['"]([^'"]+)['"]/g)) {
    const [, clause = '', specifier = ''] = m;
    if (!relative(specifier)) continue;
    const namespace = /\*\s*as\s+([\w$]+)/.exec(clause);
    if (namespace?.[1]) bindings.push({ local: namespace[1], imported: '*', specifier });
    const named = /\{([^}]*)\}/.exec(clause);
    for (const part of named?.[1]?.split(',') ?? []) {
      const [imported, local] = part.replace(/^\s*type\s+/, '').split(/\s+as\s+/).map((s) => s.trim());
      if (imported) bindings.push({ local: local || imported, imported, specifier });
    }
    const defaultName = /^\s*([\w$]+)\s*(?:,|$)/.exec(clause)?.[1];
    if (defaultName && defaultName !== 'type') bindings.push({ local: defaultName, imported: defaultName, specifier });
  }
  for (const m of text.matchAll(/\b(?:const|let|var)\s+(\{[^}]*\}|[\w$]+)\s*=\s*require\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    const [, target = '', specifier = ''] = m;
    if (!relative(specifier)) continue;
    if (!target.startsWith('{')) {
      bindings.push({ local: target, imported: '*', specifier });
      continue;
    }
    for (const part of target.slice(1, -1).split(',')) {
      const [imported, local] = part.split(':').map((s) => s.trim());
      if (imported) bindings.push({ local: local || imported, imported, specifier });
    }
  }
  return bindings;
}

/** `from .models import User, Order as O`, `from pkg.util import (a, b)`, `import pkg.mod as m`. */
export function pythonImports(text: string): ImportBinding[] {
  const bindings: ImportBinding[] = [];
  for (const m of text.matchAll(/^[ \t]*from[ \t]+([.\w]+)[ \t]+import[ \t]+(\([^)]*\)|[^\n#]+)/gm)) {
    const [, module = '', names = ''] = m;
    for (const part of names.replace(/[()\\]/g, '').split(',')) {
      const [imported, local] = part.trim().split(/\s+as\s+/).map((s) => s.trim());
      if (imported && imported !== '*') bindings.push({ local: local || imported, imported, specifier: module });
    }
  }
  for (const m of text.matchAll(/^[ \t]*import[ \t]+([\w.]+)(?:[ \t]+as[ \t]+(\w+))?[ \t]*$/gm)) {
    const [, module = '', alias] = m;
    bindings.push({ local: alias ?? module.split('.')[0] ?? module, imported: '*', specifier: module });
  }
  return bindings;
}

async function resolveModule(files: WorkspaceFiles, sourcePath: string, specifier: string, language: 'javascript' | 'python'): Promise<{ path: string; text: string } | undefined> {
  const candidates = language === 'javascript' ? jsCandidates(sourcePath, specifier) : await pythonCandidates(files, sourcePath, specifier);
  for (const path of candidates) {
    if (path === undefined || path === sourcePath) continue;
    const text = await files.read(path);
    if (text !== undefined) return { path, text };
  }
  return undefined;
}

function jsCandidates(sourcePath: string, specifier: string): (string | undefined)[] {
  const base = normalizePath(joinPath(dirName(sourcePath), specifier));
  if (base === undefined) return [];
  const swapped = /\.(m|c)?jsx?$/.test(base) ? jsExtensions.map((ext) => base.replace(/\.(m|c)?jsx?$/, ext)) : [];
  return [base, ...swapped, ...jsExtensions.map((ext) => `${base}${ext}`), ...jsExtensions.map((ext) => `${base}/index${ext}`)];
}

async function pythonCandidates(files: WorkspaceFiles, sourcePath: string, specifier: string): Promise<(string | undefined)[]> {
  const dots = /^\.*/.exec(specifier)?.[0].length ?? 0;
  const modulePath = specifier.slice(dots).split('.').filter(Boolean).join('/');
  let bases: string[];
  if (dots > 0) {
    let dir = dirName(sourcePath);
    for (let i = 1; i < dots; i++) dir = dirName(dir);
    bases = [dir];
  } else {
    const root = await findProjectRoot(files, sourcePath, 'python');
    bases = [root, joinPath(root, 'src'), dirName(sourcePath)];
  }
  return bases.flatMap((base) => modulePath ? [`${joinPath(base, modulePath)}.py`, joinPath(base, modulePath, '__init__.py')] : [joinPath(base, '__init__.py')]);
}

/** Resolves '.' and '..' segments; undefined when the path climbs out of the workspace. */
export function normalizePath(path: string): string | undefined {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join('/');
}

/**
 * The workspace files a file imports relatively (JS/TS) or from the project (Python), at most
 * `max`, in import order: for a test file, the code under test.
 */
export async function importedWorkspaceFiles(files: WorkspaceFiles, path: string, text: string, max = 3): Promise<{ path: string; text: string }[]> {
  const language = languageOf(path);
  if (language !== 'javascript' && language !== 'python') return [];
  const specifiers = [...new Set((language === 'javascript' ? jsImports(text) : pythonImports(text)).map((b) => b.specifier))];
  const found: { path: string; text: string }[] = [];
  for (const specifier of specifiers) {
    if (found.length >= max) break;
    const file = await resolveModule(files, path, specifier, language);
    if (file && !found.some((f) => f.path === file.path)) found.push(file);
  }
  return found;
}
