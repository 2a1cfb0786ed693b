import type { TestLanguage } from './conventions/testFiles';

/**
 * Functions, classes and other declarations found in source text by their shape: cheap, no parser,
 * good enough to cut "the function at the cursor" or "the declaration of a helper it calls" out of
 * a file for a prompt. Where VS Code has a symbol provider, features/ prefers it.
 */
export interface Declaration {
  name: string;
  /** 1-based, inclusive. */
  startLine: number;
  endLine: number;
  /** A function, method or class (what "the code at the cursor" may be), not a constant or type. */
  callable: boolean;
}

interface Shape {
  pattern: RegExp;
  callable: (line: string) => boolean;
}

const jsKeywords = new Set(['if', 'for', 'while', 'switch', 'catch', 'return', 'function', 'with', 'else', 'do', 'try', 'new', 'await', 'typeof']);
const functionValue = /=\s*(?:async\s+)?(?:function\b|\([^)]*\)\s*(?::[^=]*)?=>|[\w$]+\s*=>)/;

const shapes: Record<TestLanguage, Shape[]> = {
  javascript: [
    { pattern: /^([ \t]*)(?:export[ \t]+)?(?:default[ \t]+)?(?:declare[ \t]+)?(?:abstract[ \t]+)?(?:async[ \t]+)?(function\*?|class|interface|type|enum|const|let|var)[ \t]+([A-Za-z_$][\w$]*)/, callable: (l) => /\b(function|class)\b/.test(l.split(/[({=]/)[0] ?? '') || functionValue.test(l) },
    { pattern: /^([ \t]+)(?:(?:public|private|protected|static|async|readonly|override|get|set)[ \t]+)*()([A-Za-z_$][\w$]*)[ \t]*(?:<[^>]*>)?\(.*\)[^;=]*\{\s*$/, callable: () => true },
  ],
  python: [
    { pattern: /^([ \t]*)(?:async[ \t]+)?(def|class)[ \t]+(\w+)/, callable: () => true },
    { pattern: /^()()([A-Za-z_]\w*)[ \t]*(?::[^=\n]*)?=(?!=)/, callable: () => false },
  ],
  go: [
    { pattern: /^()func[ \t]+(?:\([^)]*\)[ \t]*)?()(\w+)/, callable: () => true },
    { pattern: /^()(type|const|var)[ \t]+(\w+)/, callable: () => false },
  ],
  rust: [
    { pattern: /^([ \t]*)(?:pub(?:\([\w:]+\))?[ \t]+)?(?:const[ \t]+)?(?:async[ \t]+)?(?:unsafe[ \t]+)?(fn)[ \t]+(\w+)/, callable: () => true },
    { pattern: /^([ \t]*)(?:pub(?:\([\w:]+\))?[ \t]+)?(struct|enum|trait|type|const|static|mod)[ \t]+(\w+)/, callable: (l) => /\b(struct|enum|trait)\b/.test(l) },
  ],
  jvm: [
    { pattern: /^([ \t]*)(?:(?:public|private|protected|static|final|abstract|sealed|data|open|internal)[ \t]+)*(class|interface|enum|record|object)[ \t]+(\w+)/, callable: () => true },
    { pattern: /^([ \t]+)(?:(?:public|private|protected|static|final|abstract|synchronized|override|suspend)[ \t]+)*(?:fun[ \t]+|[\w<>[\],.? ]+[ \t]+)()(\w+)[ \t]*\([^;]*$/, callable: () => true },
  ],
};

/** Every declaration the shapes recognise, in file order (nested ones included). */
export function findDeclarations(text: string, language: TestLanguage, maxLines = 400): Declaration[] {
  const lines = text.split(/\r?\n/);
  const found: Declaration[] = [];
  lines.forEach((line, index) => {
    for (const shape of shapes[language]) {
      const match = shape.pattern.exec(line);
      const name = match?.[3];
      if (!match || !name || (language === 'javascript' && jsKeywords.has(name))) continue;
      const endLine = blockEnd(lines, index, language, maxLines);
      found.push({ name, startLine: firstLineWithDecorators(lines, index) + 1, endLine: endLine + 1, callable: shape.callable(line) });
      break;
    }
  });
  return found;
}

/** The innermost function, method or class around a 1-based line; undefined outside any. */
export function enclosingDeclaration(text: string, line: number, language: TestLanguage): Declaration | undefined {
  return findDeclarations(text, language)
    .filter((d) => d.callable && d.startLine <= line && line <= d.endLine)
    .sort((a, b) => (a.endLine - a.startLine) - (b.endLine - b.startLine))[0];
}

/** The top-level-most declaration of `name`, if the text has one. */
export function declarationOf(text: string, name: string, language: TestLanguage): Declaration | undefined {
  return findDeclarations(text, language).find((d) => d.name === name);
}

/** Lines `startLine..endLine` (1-based, inclusive). */
export function linesOf(text: string, startLine: number, endLine: number): string {
  return text.split(/\r?\n/).slice(startLine - 1, endLine).join('\n');
}

function blockEnd(lines: string[], start: number, language: TestLanguage, maxLines: number): number {
  const limit = Math.min(lines.length - 1, start + maxLines - 1);
  if (language === 'python') return indentedBlockEnd(lines, start, limit);
  return braceBlockEnd(lines, start, limit);
}

/** Python: the lines indented deeper than the declaration (a signature over several lines included). */
function indentedBlockEnd(lines: string[], start: number, limit: number): number {
  const base = indentOf(lines[start] ?? '');
  let end = start;
  let open = bracketDepth(lines[start] ?? '');
  for (let i = start + 1; i <= limit; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') continue;
    if (open <= 0 && indentOf(line) <= base) break;
    open += bracketDepth(line);
    end = i;
  }
  return end;
}

/** Brace languages: until the braces opened on the way are closed, or a statement ends first. */
function braceBlockEnd(lines: string[], start: number, limit: number): number {
  let depth = 0;
  let opened = false;
  for (let i = start; i <= limit; i++) {
    const code = stripStringsAndComments(lines[i] ?? '');
    for (const ch of code) {
      if (ch === '{') {
        depth++;
        opened = true;
      } else if (ch === '}') depth--;
    }
    if (opened && depth <= 0) return i;
    if (!opened && depth === 0 && /;\s*$/.test(code)) return i;
  }
  return opened ? limit : start;
}

function stripStringsAndComments(line: string): string {
  return line
    .replace(/\/\/.*$/, '')
    .replace(/\/\*.*?\*\//g, '')
    .replace(/(["'`])(?:\\.|(?!\1)[^\\])*\1/g, '""');
}

function bracketDepth(line: string): number {
  let depth = 0;
  for (const ch of stripStringsAndComments(line.replace(/#.*$/, ''))) {
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') depth--;
  }
  return depth;
}

/** Decorators and annotations directly above a declaration belong to it. */
function firstLineWithDecorators(lines: string[], index: number): number {
  let first = index;
  while (first > 0 && /^\s*(@[\w.]+|#\[)/.test(lines[first - 1] ?? '')) first--;
  return first;
}

function indentOf(line: string): number {
  return (/^[ \t]*/.exec(line)?.[0] ?? '').replace(/\t/g, '    ').length;
}
