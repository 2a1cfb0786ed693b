import type { DefinitionRef, KnowledgeIndex } from './knowledgeIndex';

/** What is being written after `receiver.` (or `->`, `::`): the receiver and the part of the member typed so far. */
export interface MemberAccess {
  receiver: string;
  partial: string;
}

const accessPattern = /([A-Za-z_$][\w$]*)\s*(?:\.|->|::)\s*([\w$]*)$/;

export function memberAccessAt(linePrefix: string): MemberAccess | undefined {
  const match = accessPattern.exec(linePrefix);
  return match ? { receiver: match[1]!, partial: match[2]! } : undefined;
}

const extensions = ['', '.ts', '.tsx', '.js', '.mjs', '.cjs', '.jsx', '.py', '/index.ts', '/index.js'];

/**
 * The definitions a receiver offers: the module it was imported or required as
 * (`const astUtils = require('./utils/ast-utils')`, `import * as path from './path'`), or the
 * class its name says (`sourceCode` -> `SourceCode`, `Foo.create`).
 */
export function receiverMembers(index: KnowledgeIndex, currentPath: string, text: string, access: MemberAccess): { members: DefinitionRef[]; source: string } | undefined {
  const module = importedModule(index, currentPath, text, access.receiver);
  if (module) {
    const file = index.file(module);
    if (file) return { members: file.definitions.map((definition, i) => ({ path: module, definition, index: i })), source: module };
  }
  const className = access.receiver[0]!.toUpperCase() + access.receiver.slice(1);
  const classes = index.definitionsOf(className).filter((r) => r.path !== currentPath && (r.definition.kind === 'class' || r.definition.kind === 'interface' || r.definition.kind === 'type'));
  if (classes.length === 0 || classes.length > 3) return undefined;
  const members: DefinitionRef[] = [];
  for (const ref of classes) {
    index.file(ref.path)?.definitions.forEach((definition, i) => {
      if (definition.container === className) members.push({ path: ref.path, definition, index: i });
    });
  }
  return members.length > 0 ? { members, source: className } : undefined;
}

function importedModule(index: KnowledgeIndex, currentPath: string, text: string, receiver: string): string | undefined {
  const name = receiver.replace(/\$/g, '\\$');
  const patterns = [
    new RegExp(`\\b(?:const|let|var)\\s+${name}\\s*=\\s*require\\(\\s*['"](\\.[^'"]*)['"]`),
    new RegExp(`\\bimport\\s+\\*\\s+as\\s+${name}\\s+from\\s+['"](\\.[^'"]*)['"]`),
    new RegExp(`\\bimport\\s+${name}\\s*(?:,[^;]*)?\\s+from\\s+['"](\\.[^'"]*)['"]`),
  ];
  for (const pattern of patterns) {
    const specifier = pattern.exec(text)?.[1];
    if (!specifier) continue;
    const base = joinPath(dirname(currentPath), specifier);
    const stem = base.replace(/\.(js|mjs|cjs)$/, '');
    for (const candidate of [...extensions.map((e) => base + e), ...extensions.map((e) => stem + e)]) if (index.file(candidate)) return candidate;
  }
  return undefined;
}

function dirname(p: string): string {
  const at = p.lastIndexOf('/');
  return at < 0 ? '' : p.slice(0, at);
}

function joinPath(dir: string, relative: string): string {
  const parts = dir === '' ? [] : dir.split('/');
  for (const part of relative.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
}
