import { indentWidth, isBlank, leadingWhitespace } from '../text/normalize';
import { scanBrackets, syntaxFor, type Bracket, type CodeSyntax } from './codeScanner';
import type { LineRange } from './lineRange';

export interface EnclosingBlock {
  range: LineRange;
  /** 'declaration': a function, method, class, ...; 'block': another braced or indented block; 'paragraph': lines between blank lines. */
  kind: 'declaration' | 'block' | 'paragraph';
}

export interface EnclosingBlockOptions {
  /** A block longer than this is passed over for a smaller one around the cursor. Default 400 lines. */
  maxLines?: number;
}

/** Languages whose blocks are made by indentation rather than braces. */
const indentLanguages = new Set(['python', 'yaml', 'coffeescript', 'nim', 'haml', 'pug', 'sass', 'stylus', 'fsharp']);

const declarationWords = /\b(?:function|class|interface|enum|struct|union|impl|trait|fn|func|def|module|namespace|object|record|constructor|protocol|extension|type)\b/;
const controlWords = /^\s*(?:\}\s*)?(?:if|else|for|foreach|while|do|switch|case|try|catch|finally|with|return|using|lock|synchronized|match|when|select|loop|unsafe)\b/;
/** `name(args) {`, `public async name(args): T {`, `get name() {`, `fn name<T>(...) -> T {`: a call-like header that is not a control statement. */
const methodHeader = /^\s*(?:[\w$@<>[\],.?*&:]+\s+)*[A-Za-z_$][\w$]*\s*(?:<[^>]*>)?\s*\(/;
const arrowHeader = /=>\s*\{?\s*$/;

/**
 * The block around the cursor to edit when nothing is selected and no symbol provider knows the
 * file: the innermost function, method or class (by braces, or by indentation for Python and
 * the like), else the innermost block, else the paragraph. Doc comments and decorators directly
 * above a declaration are included, so "add documentation" can replace rather than duplicate.
 */
export function findEnclosingBlock(lines: readonly string[], cursorLine: number, languageId: string, options: EnclosingBlockOptions = {}): EnclosingBlock {
  const maxLines = options.maxLines ?? 400;
  const line = Math.min(Math.max(0, cursorLine), Math.max(0, lines.length - 1));
  const syntax = syntaxFor(languageId);
  const candidates = indentLanguages.has(languageId) ? indentedBlocks(lines, line) : bracedBlocks(lines, line, syntax);
  if (candidates.length === 0 && !indentLanguages.has(languageId)) candidates.push(...indentedBlocks(lines, line));
  const blocks = candidates.map((range) => withLeadingComments(lines, range, syntax));
  const fitting = blocks.filter((b) => b.end - b.start <= maxLines);
  const declaration = fitting.find((b) => isDeclaration(lines, b.headerLine));
  if (declaration) return { range: { start: declaration.start, end: declaration.end }, kind: 'declaration' };
  if (fitting[0]) return { range: { start: fitting[0].start, end: fitting[0].end }, kind: 'block' };
  return { range: paragraph(lines, line), kind: 'paragraph' };
}

interface Candidate extends LineRange {
  /** The line that says what the block is (`function f(`, `def f(`, `class A`). */
  headerLine: number;
}

/** Braced blocks containing the line, innermost first, each from its header's first line to its closing brace. */
function bracedBlocks(lines: readonly string[], line: number, syntax: CodeSyntax): Candidate[] {
  const brackets = scanBrackets(lines, syntax);
  const stack: number[] = [];
  const parensOpen: number[] = [];
  /** For each `)`, the line of its `(`: multi-line signatures start there. */
  const parenOpenLine = new Map<string, number>();
  const blocks: Candidate[] = [];
  for (let k = 0; k < brackets.length; k++) {
    const bracket = brackets[k]!;
    if (bracket.char === '(') parensOpen.push(bracket.line);
    else if (bracket.char === ')') {
      const open = parensOpen.pop();
      if (open !== undefined) parenOpenLine.set(`${bracket.line}:${bracket.column}`, open);
    } else if (bracket.char === '{') stack.push(k);
    else if (bracket.char === '}') {
      const openIndex = stack.pop();
      if (openIndex === undefined) continue;
      const open = brackets[openIndex]!;
      if (open.line <= line && line <= bracket.line) {
        const headerLine = headerLineOf(lines, open.line, open.column);
        const start = statementStart(lines, brackets, openIndex, headerLine, parenOpenLine);
        blocks.push({ start, end: bracket.line + 1, headerLine: start });
      }
    }
  }
  // Closed in order of their closing brace: inner blocks close first.
  return blocks.sort((a, b) => (b.start - a.start) || (a.end - b.end));
}

/** The line naming the block: the brace's own line, or the line above when the brace stands alone (Allman style). */
function headerLineOf(lines: readonly string[], openLine: number, openColumn: number): number {
  if (lines[openLine]!.slice(0, openColumn).trim() !== '') return openLine;
  for (let j = openLine - 1; j >= 0; j--) if (!isBlank(lines[j]!)) return j;
  return openLine;
}

/** Where the statement that opens the block begins: the first line of a signature spread over several lines. */
function statementStart(lines: readonly string[], brackets: readonly Bracket[], openIndex: number, headerLine: number, parenOpenLine: Map<string, number>): number {
  let start = headerLine;
  // The last `)` before the brace on the header lines: its `(` may sit lines above (`foo(\n a,\n b\n) {`).
  for (let k = openIndex - 1; k >= 0; k--) {
    const bracket = brackets[k]!;
    if (bracket.line < headerLine) break;
    if (bracket.char === ')') {
      start = Math.min(start, parenOpenLine.get(`${bracket.line}:${bracket.column}`) ?? start);
      break;
    }
    if (bracket.char === '}' || bracket.char === '{') break;
  }
  return start;
}

/**
 * The lines above `line` (from `line - 1` up) that are less indented than every line after them,
 * starting from `width`: the indentation headers (`class`, `def`, `if`) that `line` sits under,
 * nearest first.
 */
export function lessIndentedAbove(lines: readonly string[], line: number, width: number): number[] {
  const headers: number[] = [];
  for (let j = line - 1; j >= 0 && width > 0; j--) {
    const text = lines[j]!;
    if (isBlank(text)) continue;
    const w = indentWidth(leadingWhitespace(text));
    if (w < width) {
      headers.push(j);
      width = w;
    }
  }
  return headers;
}

/** Blocks by indentation containing the line, innermost first: a header and the lines indented under it. */
function indentedBlocks(lines: readonly string[], line: number): Candidate[] {
  let anchor = line;
  while (anchor > 0 && isBlank(lines[anchor] ?? '')) anchor--;
  if (isBlank(lines[anchor] ?? '')) return [];
  const blocks: Candidate[] = [];
  const headers: number[] = [];
  if (blockEnd(lines, anchor) > anchor + 1) headers.push(anchor);
  headers.push(...lessIndentedAbove(lines, anchor, indentWidth(leadingWhitespace(lines[anchor]!))));
  for (const header of headers) {
    const end = blockEnd(lines, header);
    if (end > header + 1 && end > line) blocks.push({ start: header, end, headerLine: header });
  }
  return blocks;
}

/** The end (exclusive) of the lines indented deeper than `header`, trailing blank lines left out. */
function blockEnd(lines: readonly string[], header: number): number {
  const width = indentWidth(leadingWhitespace(lines[header]!));
  let end = header + 1;
  for (let j = header + 1; j < lines.length; j++) {
    const text = lines[j]!;
    if (isBlank(text)) continue;
    if (indentWidth(leadingWhitespace(text)) <= width) break;
    end = j + 1;
  }
  return end;
}

/**
 * A range grown upwards over the doc comments, attributes and decorators right above it (a symbol
 * provider's range for a function may start at its name).
 */
export function extendToLeadingComments(lines: readonly string[], range: LineRange, languageId: string): LineRange {
  if (range.start >= range.end || range.start >= lines.length) return range;
  const grown = withLeadingComments(lines, { ...range, headerLine: range.start }, syntaxFor(languageId));
  return { start: grown.start, end: range.end };
}

/** The block with the doc comments, attributes and decorators right above it (same indentation, no blank line between). */
function withLeadingComments(lines: readonly string[], block: Candidate, syntax: CodeSyntax): Candidate {
  const indent = leadingWhitespace(lines[block.start]!);
  let start = block.start;
  let inBlockComment = false;
  for (let j = block.start - 1; j >= 0; j--) {
    const text = lines[j]!;
    const trimmed = text.trim();
    if (trimmed === '') break;
    if (inBlockComment) {
      start = j;
      if (trimmed.startsWith('/*')) inBlockComment = false;
      continue;
    }
    const sameIndent = leadingWhitespace(text) === indent;
    // ` */` closing a doc comment sits one space deeper than the code it documents.
    if (leadingWhitespace(text).startsWith(indent) && syntax.blockComments && trimmed.endsWith('*/')) {
      start = j;
      inBlockComment = !trimmed.startsWith('/*');
      continue;
    }
    const comment = syntax.lineComment !== undefined && trimmed.startsWith(syntax.lineComment);
    const decorator = /^(?:@[\w.]+|#\[|\[[A-Z])/.test(trimmed);
    if (sameIndent && (comment || decorator)) {
      start = j;
      continue;
    }
    break;
  }
  // An unterminated comment above (we walked into code): keep the block as it was.
  if (inBlockComment) return block;
  return { ...block, start };
}

function isDeclaration(lines: readonly string[], headerLine: number): boolean {
  const header = lines[headerLine] ?? '';
  if (controlWords.test(header)) return false;
  return declarationWords.test(header) || arrowHeader.test(header) || methodHeader.test(header);
}

/** The non-blank lines around the cursor (just the cursor's line when it is blank). */
function paragraph(lines: readonly string[], line: number): LineRange {
  if (lines.length === 0) return { start: 0, end: 0 };
  if (isBlank(lines[line]!)) return { start: line, end: line + 1 };
  let start = line;
  let end = line + 1;
  while (start > 0 && !isBlank(lines[start - 1]!)) start--;
  while (end < lines.length && !isBlank(lines[end]!)) end++;
  return { start, end };
}
