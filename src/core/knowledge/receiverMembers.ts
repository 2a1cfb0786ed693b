import type { DefinitionRef, KnowledgeIndex } from './knowledgeIndex';
import { baseClassOf, declaredTypesOf, returnTypeOf } from './receiverType';

/** What is being written after `receiver.` (or `->`, `::`): the receiver and the part of the member typed so far. */
export interface MemberAccess {
  receiver: string;
  partial: string;
  /** The type the receiver was cast to: `(response as APIPromise<Foo>).` */
  castTo?: string;
}

const accessPattern = /([A-Za-z_$][\w$]*)\s*(?:\.|->|::)\s*([\w$]*)$/;
const castPattern = /\bas\s+(?:[A-Za-z_$][\w$]*\.)*([A-Za-z_$][\w$]*)(?:<[^()]*>)?\s*\)\s*\.\s*([\w$]*)$/;

export function memberAccessAt(linePrefix: string): MemberAccess | undefined {
  const cast = castPattern.exec(linePrefix);
  if (cast) return { receiver: cast[1]!, partial: cast[2]!, castTo: cast[1]! };
  const match = accessPattern.exec(linePrefix);
  return match ? { receiver: match[1]!, partial: match[2]! } : undefined;
}

const extensions = ['', '.ts', '.tsx', '.js', '.mjs', '.cjs', '.jsx', '.py', '/index.ts', '/index.js'];

/**
 * The definitions a receiver offers: the module it was imported or required as
 * (`const astUtils = require('./utils/ast-utils')`, `import * as path from './path'`), the type
 * it was declared with (`env: ToolEnvironment`, `engine = new ESLint(`), or the class its name
 * says (`sourceCode` -> `SourceCode`, `Foo.create`). `beforeOffset` is the cursor's offset in `text`.
 */
export function receiverMembers(index: KnowledgeIndex, currentPath: string, text: string, access: MemberAccess, beforeOffset = text.length): { members: DefinitionRef[]; source: string } | undefined {
  if (access.castTo !== undefined) {
    const members = membersOfType(index, currentPath, access.castTo);
    return members.length > 0 ? { members, source: access.castTo } : undefined;
  }
  if (selfReceivers.has(access.receiver)) {
    const inherited = inheritedMembers(index, currentPath, text.slice(0, beforeOffset));
    return inherited.members.length > 0 ? inherited : undefined;
  }
  const module = importedModule(index, currentPath, text, access.receiver);
  if (module) {
    const file = index.file(module);
    if (file) return { members: file.definitions.map((definition, i) => ({ path: module, definition, index: i })), source: module };
  }
  for (const declared of declaredTypesOf(text, access.receiver, beforeOffset)) {
    for (const type of [declared, ...returnTypesOf(index, declared)]) {
      const members = membersOfType(index, currentPath, type);
      if (members.length > 0) return { members, source: type };
    }
  }
  const className = access.receiver[0]!.toUpperCase() + access.receiver.slice(1);
  const members = membersOfType(index, currentPath, className);
  return members.length > 0 ? { members, source: className } : undefined;
}

const selfReceivers = new Set(['this', 'self', 'super', '$this', 'base']);
const maxBaseDepth = 4;

/** After `this.` in a subclass: the members its base classes define in other files, nearest base first. */
function inheritedMembers(index: KnowledgeIndex, currentPath: string, textBefore: string): { members: DefinitionRef[]; source: string } {
  const members: DefinitionRef[] = [];
  const chain: string[] = [];
  for (let base = baseClassOf(textBefore); base !== undefined && chain.length < maxBaseDepth && !chain.includes(base); ) {
    chain.push(base);
    let definition = index.definitionsOf(base).find((r) => r.definition.kind === 'class' && r.path !== currentPath);
    let own = membersOfType(index, currentPath, base);
    // `import AjvCore from './core'` ... `extends AjvCore`: the class that module exports by default, under its own name.
    const module = own.length === 0 && chain.length === 1 ? importedModule(index, currentPath, textBefore, base) : undefined;
    const classes = module ? index.file(module)?.definitions.filter((d) => d.kind === 'class') ?? [] : [];
    const exported = classes.find((d) => /\bexport\s+default\s+class\b/.test(d.text)) ?? classes[0];
    const moduleClass = exported ? index.file(module!)!.definitions.indexOf(exported) : -1;
    if (module && moduleClass >= 0) {
      const className = index.file(module)!.definitions[moduleClass]!.name;
      definition = { path: module, definition: index.file(module)!.definitions[moduleClass]!, index: moduleClass };
      own = membersOfType(index, currentPath, className, module);
    }
    members.push(...own);
    base = definition ? baseClassOf(definition.definition.text) : undefined;
  }
  return { members, source: chain.join(' < ') };
}

/** What the functions of that name return, when it is defined in at most three files: `conn = manager.server(name)` -> ServerConnection. */
function returnTypesOf(index: KnowledgeIndex, functionName: string): string[] {
  const refs = index.definitionsOf(functionName).filter((r) => r.definition.kind === 'function' || r.definition.kind === 'method');
  if (refs.length === 0 || new Set(refs.map((r) => r.path)).size > 3) return [];
  return [...new Set(refs.map((r) => returnTypeOf(r.definition.text, functionName)).filter((t): t is string => t !== undefined))];
}

/** The members of a class, interface or type defined in at most three other files (more: too common a name to tell), or in `onlyIn`. */
function membersOfType(index: KnowledgeIndex, currentPath: string, typeName: string, onlyIn?: string): DefinitionRef[] {
  const types = index.definitionsOf(typeName).filter((r) => r.path !== currentPath && (onlyIn === undefined || r.path === onlyIn) && (r.definition.kind === 'class' || r.definition.kind === 'interface' || r.definition.kind === 'type'));
  if (types.length === 0 || types.length > 3) return [];
  const members: DefinitionRef[] = [];
  for (const ref of types) {
    index.file(ref.path)?.definitions.forEach((definition, i) => {
      if (definition.container === typeName) members.push({ path: ref.path, definition, index: i });
    });
  }
  return members;
}

function importedModule(index: KnowledgeIndex, currentPath: string, text: string, receiver: string): string | undefined {
  const name = receiver.replace(/\$/g, '\\$');
  const patterns = [
    new RegExp(`\\b(?:const|let|var)\\s+${name}\\s*=\\s*require\\(\\s*['"](\\.[^'"]*)['"]`),
    new RegExp(`\\bimport\\s+\\*\\s+as\\s+${name}\\s+from\\s+['"](\\.[^'"]*)['"]`),
    // `import Foo, { a, b } from`, `import Foo, * as all from`: not across other imports when there are no semicolons.
    new RegExp(`\\bimport\\s+${name}\\s*(?:,\\s*(?:\\{[^}]*\\}|\\*\\s*as\\s+[\\w$]+))?\\s+from\\s+['"](\\.[^'"]*)['"]`),
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
