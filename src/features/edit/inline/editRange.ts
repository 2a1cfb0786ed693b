import * as vscode from 'vscode';
import { extendToLeadingComments, findEnclosingBlock, type LineRange } from '../../../core/edits/rewrite';

/** How long the language's symbol provider may take before the indentation/brace finder answers instead. */
const symbolTimeoutMs = 1_500;
/** A block larger than this is not edited whole when the cursor merely sits in it. */
const maxBlockLines = 400;
/** A Quick Fix edits at most this much around the problem. */
const maxFixLines = 80;
const fixMargin = 3;

const functionKinds = new Set([vscode.SymbolKind.Function, vscode.SymbolKind.Method, vscode.SymbolKind.Constructor]);
const containerKinds = new Set([vscode.SymbolKind.Class, vscode.SymbolKind.Interface, vscode.SymbolKind.Struct, vscode.SymbolKind.Enum, vscode.SymbolKind.Module, vscode.SymbolKind.Namespace]);

/** Whole lines of a selection; a selection ending at the start of a line does not take that line. */
export function selectionLines(selection: vscode.Range): LineRange {
  const endLine = selection.end.character === 0 && selection.end.line > selection.start.line ? selection.end.line : selection.end.line + 1;
  return { start: selection.start.line, end: endLine };
}

/**
 * The lines an edit rewrites: the selection's lines; with an empty selection, the innermost
 * function or method around the cursor by the language's symbols (a class when the cursor is
 * outside its methods), with its doc comment, else the block found by indentation and braces.
 */
export async function editRange(document: vscode.TextDocument, selection: vscode.Range): Promise<LineRange> {
  if (!selection.isEmpty) return selectionLines(selection);
  return blockAround(document, selection.start, maxBlockLines);
}

/** A Quick Fix: the function around the problem when it is small, else the problem's lines with a margin. */
export async function fixRange(document: vscode.TextDocument, problem: vscode.Range): Promise<LineRange> {
  const block = await blockAround(document, problem.start, maxFixLines);
  if (block.start <= problem.start.line && problem.end.line < block.end && block.end - block.start <= maxFixLines) return block;
  return { start: Math.max(0, problem.start.line - fixMargin), end: Math.min(document.lineCount, problem.end.line + 1 + fixMargin) };
}

async function blockAround(document: vscode.TextDocument, position: vscode.Position, maxLines: number): Promise<LineRange> {
  const lines = Array.from({ length: document.lineCount }, (_, i) => document.lineAt(i).text);
  const symbol = await symbolAround(document, position, maxLines);
  if (symbol) return extendToLeadingComments(lines, symbol, document.languageId);
  return findEnclosingBlock(lines, position.line, document.languageId, { maxLines }).range;
}

async function symbolAround(document: vscode.TextDocument, position: vscode.Position, maxLines: number): Promise<LineRange | undefined> {
  let symbols: Array<vscode.DocumentSymbol | vscode.SymbolInformation> | undefined;
  try {
    symbols = await Promise.race([
      vscode.commands.executeCommand<Array<vscode.DocumentSymbol | vscode.SymbolInformation> | undefined>('vscode.executeDocumentSymbolProvider', document.uri),
      new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), symbolTimeoutMs)),
    ]);
  } catch {
    return undefined; // no provider, or it failed: the finder in core answers
  }
  const containing: Array<{ kind: vscode.SymbolKind; range: vscode.Range }> = [];
  const visit = (list: ReadonlyArray<vscode.DocumentSymbol | vscode.SymbolInformation>) => {
    for (const symbol of list) {
      const range = 'location' in symbol ? symbol.location.range : symbol.range;
      if (!range.contains(position)) continue;
      containing.push({ kind: symbol.kind, range });
      if ('children' in symbol) visit(symbol.children);
    }
  };
  visit(symbols ?? []);
  const bySize = containing.sort((a, b) => (a.range.end.line - a.range.start.line) - (b.range.end.line - b.range.start.line));
  const lines = (r: vscode.Range): LineRange => ({ start: r.start.line, end: r.end.line + 1 });
  const fits = (r: vscode.Range) => r.end.line - r.start.line + 1 <= maxLines;
  const fn = bySize.find((s) => functionKinds.has(s.kind) && fits(s.range));
  if (fn) return lines(fn.range);
  const container = bySize.find((s) => containerKinds.has(s.kind) && fits(s.range));
  return container ? lines(container.range) : undefined;
}
