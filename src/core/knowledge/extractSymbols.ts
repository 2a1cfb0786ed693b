import type { Node, Parser, TreeCursor } from '@vscode/tree-sitter-wasm';
import type { DefinitionRule, LanguageSpec, SymbolKind } from './languages';
import type { FileSymbols, LineRange, SymbolDefinition } from './fileSymbols';

/** Bounds that keep one odd file (generated, minified) from filling the index. */
export const extractLimits = { maxDefinitions: 2_000, maxReferences: 4_000, wholeSummaryLines: 25, maxSummaryLines: 40, docstringLines: 15 };

/** Nodes that wrap a definition and carry its doc comment as their previous sibling. */
const wrappers = new Set(['export_statement', 'decorated_definition', 'lexical_declaration', 'variable_declaration', 'type_declaration', 'const_declaration', 'var_declaration', 'field_declaration', 'template_declaration', 'ambient_declaration', 'constant_declaration']);
const docSiblings = new Set(['comment', 'line_comment', 'block_comment', 'attribute_item', 'inner_attribute_item']);
const wholeKinds = new Set<SymbolKind>(['interface', 'type', 'enum', 'constant', 'variable', 'macro']);
const functionKinds = new Set<SymbolKind>(['function', 'method']);
const containerKinds = new Set<SymbolKind>(['class', 'interface', 'module', 'type', 'enum']);
const nameTypes = new Set(['identifier', 'type_identifier', 'field_identifier', 'property_identifier', 'constant', 'name', 'destructor_name', 'operator_name', 'private_property_identifier']);
const functionValues = new Set(['arrow_function', 'function_expression', 'function', 'generator_function']);
const needsBody = new Set(['struct_specifier', 'union_specifier', 'enum_specifier', 'class_specifier']);

/**
 * Definitions and references of one file, from its syntax tree. `lines` is the file's text split
 * at line breaks; `redact` cleans each summary before the index keeps it.
 */
export function extractSymbols(parser: Parser, spec: LanguageSpec, text: string, meta: { path: string; size: number; mtimeMs: number }, redact: (text: string) => string): FileSymbols {
  const lines = text.split('\n');
  const tree = parser.parse(text);
  const definitions: SymbolDefinition[] = [];
  const references = new Set<string>();
  const defined = new Set<string>();
  if (tree) {
    try {
      walk(tree.walk(), spec, text, lines, redact, definitions, references, defined);
    } finally {
      tree.delete();
    }
  }
  for (const name of defined) references.delete(name);
  return { ...meta, language: spec.id, lineCount: lines.length, definitions, references: [...references].slice(0, extractLimits.maxReferences) };
}

interface Frame {
  insideFunction: boolean;
  container?: string;
}

function walk(cursor: TreeCursor, spec: LanguageSpec, text: string, lines: readonly string[], redact: (t: string) => string, definitions: SymbolDefinition[], references: Set<string>, defined: Set<string>): void {
  const stack: Frame[] = [{ insideFunction: false }];
  let frame = stack[0]!;
  for (;;) {
    const type = cursor.nodeType;
    let descend = !spec.skip.has(type);
    let pushed: Frame | undefined;
    const rule = spec.definitions[type];
    const containerField = spec.containers?.[type];
    if (containerField !== undefined) {
      const name = cursor.currentNode.childForFieldName(containerField)?.text;
      if (name) pushed = { insideFunction: frame.insideFunction, container: name };
    } else if (rule && definitions.length < extractLimits.maxDefinitions) {
      const def = definitionAt(cursor.currentNode, rule, spec, lines, frame, redact);
      if (def) {
        definitions.push(def);
        defined.add(def.name);
        if (functionKinds.has(def.kind)) pushed = { insideFunction: true, container: frame.container };
        else if (containerKinds.has(def.kind)) pushed = { insideFunction: frame.insideFunction, container: def.name };
      }
    } else if (descend && cursor.nodeIsNamed && spec.identifiers.has(type) && references.size < extractLimits.maxReferences * 2) {
      const name = text.slice(cursor.startIndex, cursor.endIndex);
      if (name.length > 1) references.add(name);
      descend = false;
    }
    if (descend && cursor.gotoFirstChild()) {
      stack.push(pushed ?? frame);
      frame = stack.at(-1)!;
      continue;
    }
    // Next sibling, else climb until a parent has one.
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) return;
      stack.pop();
      frame = stack.at(-1)!;
    }
  }
}

function definitionAt(node: Node, rule: DefinitionRule, spec: LanguageSpec, lines: readonly string[], frame: Frame, redact: (t: string) => string): SymbolDefinition | undefined {
  let kind = rule.kind;
  if (rule.parents && !rule.parents.includes(node.parent?.type ?? '')) return undefined;
  if ((kind === 'constant' || kind === 'variable') && frame.insideFunction) return undefined;
  if (needsBody.has(node.type) && !node.childForFieldName('body')) return undefined;
  const name = nameOf(node, rule.nameField ?? 'name', spec);
  if (!name) return undefined;
  if (kind === 'constant' && functionValues.has(node.childForFieldName('value')?.type ?? '')) kind = 'function';
  if (kind === 'function' && frame.container !== undefined && !frame.insideFunction) kind = 'method';

  let outer = node;
  while (outer.parent && wrappers.has(outer.parent.type)) outer = outer.parent;
  const docStart = docCommentStart(outer);
  const range: LineRange = { start: docStart + 1, end: lastRow(outer) + 1 };
  const summary = summaryOf(node, kind, spec, range, lines);
  const summaryText = lines.slice(summary.start - 1, summary.end).join('\n');
  return { name, kind, range, summary, text: redact(summaryText), ...(frame.container !== undefined ? { container: frame.container } : {}) };
}

function nameOf(node: Node, field: string, spec: LanguageSpec): string | undefined {
  let current: Node | null = field === '' ? node : node.childForFieldName(field);
  if (field === '' && current) current = current.namedChildren.find((c) => c && nameTypes.has(c.type)) ?? null;
  for (let depth = 0; current && depth < 8; depth++) {
    if (nameTypes.has(current.type) || spec.identifiers.has(current.type)) return current.text;
    current = current.childForFieldName('name') ?? current.childForFieldName('declarator') ?? current.namedChildren.find((c) => c !== null) ?? null;
  }
  return undefined;
}

/** 0-based last row of a node; one that ends with its line break (a C #define) ends on the row before. */
function lastRow(node: Node): number {
  const end = node.endPosition;
  return end.column === 0 && end.row > node.startPosition.row ? end.row - 1 : end.row;
}

/** Row (0-based) where the definition's doc comment and attributes begin: contiguous comments right above it. */
function docCommentStart(outer: Node): number {
  let start = outer.startPosition.row;
  for (let sibling = outer.previousNamedSibling; sibling && docSiblings.has(sibling.type); sibling = sibling.previousNamedSibling) {
    if (lastRow(sibling) < start - 1) break; // a blank line: not this definition's comment
    start = sibling.startPosition.row;
  }
  return start;
}

function summaryOf(node: Node, kind: SymbolKind, spec: LanguageSpec, range: LineRange, lines: readonly string[]): LineRange {
  const length = range.end - range.start + 1;
  if (wholeKinds.has(kind) && length <= extractLimits.wholeSummaryLines) return range;
  const body = node.childForFieldName('body') ?? node.childForFieldName('value');
  let end: number; // 1-based
  if (body && body.startPosition.row > node.startPosition.row) {
    const line = lines[body.startPosition.row] ?? '';
    const bodyStartsLine = line.slice(0, body.startPosition.column).trim() === '';
    // The body's first line belongs to the signature when it carries the opening brace and no more.
    end = bodyStartsLine && !/^\s*\{\s*$/.test(line) ? body.startPosition.row : body.startPosition.row + 1;
  } else {
    end = (body ? body.startPosition.row : node.startPosition.row) + 1;
  }
  if (spec.id === 'python' && body) end = Math.max(end, docstringEnd(body) ?? end);
  end = Math.min(Math.max(end, node.startPosition.row + 1), range.end, range.start + extractLimits.maxSummaryLines - 1);
  return { start: range.start, end };
}

/** 1-based last line of a Python docstring opening the body (capped). */
function docstringEnd(body: Node): number | undefined {
  const first = body.namedChildren[0];
  if (first?.type !== 'expression_statement' || first.namedChildren[0]?.type !== 'string') return undefined;
  return Math.min(first.endPosition.row, first.startPosition.row + extractLimits.docstringLines - 1) + 1;
}
