/**
 * The languages the index parses: which tree-sitter grammar (a .wasm of @vscode/tree-sitter-wasm)
 * and which syntax nodes are definitions. A definition node's name is its `name` field unless the
 * spec says where else to look (C declarators, Rust impls, Go specs).
 */
export type SymbolKind = 'function' | 'method' | 'class' | 'interface' | 'type' | 'enum' | 'constant' | 'variable' | 'module' | 'macro';

export interface DefinitionRule {
  kind: SymbolKind;
  /** Field holding the name (default 'name'); a path of fields is followed down declarators. */
  nameField?: string;
  /** Only when the node is a direct child of one of these (e.g. top-level constants). */
  parents?: readonly string[];
}

export interface LanguageSpec {
  id: string;
  grammar: string;
  definitions: Readonly<Record<string, DefinitionRule>>;
  /** Node types that hold no code (their subtree is skipped for references). */
  skip: ReadonlySet<string>;
  /** Leaf node types whose text is an identifier. */
  identifiers: ReadonlySet<string>;
  /** Nodes that are no definition but name the container of those inside (Rust `impl X`): node type -> field. */
  containers?: Readonly<Record<string, string>>;
}

const commonSkip = ['comment', 'line_comment', 'block_comment', 'string', 'string_literal', 'template_string', 'raw_string_literal', 'interpreted_string_literal', 'string_content', 'heredoc_body', 'encapsed_string', 'verbatim_string_literal'];
const skip = (...extra: string[]): ReadonlySet<string> => new Set([...commonSkip, ...extra]);
const ids = (...types: string[]): ReadonlySet<string> => new Set(['identifier', ...types]);

const tsDefinitions: Record<string, DefinitionRule> = {
  function_declaration: { kind: 'function' },
  generator_function_declaration: { kind: 'function' },
  class_declaration: { kind: 'class' },
  abstract_class_declaration: { kind: 'class' },
  method_definition: { kind: 'method' },
  abstract_method_signature: { kind: 'method' },
  method_signature: { kind: 'method' },
  interface_declaration: { kind: 'interface' },
  type_alias_declaration: { kind: 'type' },
  enum_declaration: { kind: 'enum' },
  internal_module: { kind: 'module' },
  // `const x = ...` at the top of a module (arrow functions included).
  variable_declarator: { kind: 'constant', parents: ['lexical_declaration', 'variable_declaration'] },
};
const tsIdentifiers = ids('type_identifier', 'property_identifier', 'shorthand_property_identifier');

const cDefinitions: Record<string, DefinitionRule> = {
  function_definition: { kind: 'function', nameField: 'declarator' },
  struct_specifier: { kind: 'type' },
  union_specifier: { kind: 'type' },
  enum_specifier: { kind: 'enum' },
  class_specifier: { kind: 'class' },
  type_definition: { kind: 'type', nameField: 'declarator' },
  alias_declaration: { kind: 'type' },
  namespace_definition: { kind: 'module' },
  preproc_def: { kind: 'macro' },
  preproc_function_def: { kind: 'macro' },
};

export const languages: readonly LanguageSpec[] = [
  { id: 'typescript', grammar: 'tree-sitter-typescript.wasm', definitions: tsDefinitions, skip: skip(), identifiers: tsIdentifiers },
  { id: 'tsx', grammar: 'tree-sitter-tsx.wasm', definitions: tsDefinitions, skip: skip(), identifiers: tsIdentifiers },
  {
    id: 'javascript', grammar: 'tree-sitter-javascript.wasm', skip: skip(), identifiers: tsIdentifiers,
    definitions: { ...tsDefinitions },
  },
  {
    id: 'python', grammar: 'tree-sitter-python.wasm', skip: skip(), identifiers: ids(),
    definitions: {
      function_definition: { kind: 'function' },
      class_definition: { kind: 'class' },
      assignment: { kind: 'constant', nameField: 'left', parents: ['expression_statement'] },
    },
  },
  {
    id: 'go', grammar: 'tree-sitter-go.wasm', skip: skip(), identifiers: ids('type_identifier', 'field_identifier', 'package_identifier'),
    definitions: {
      function_declaration: { kind: 'function' },
      method_declaration: { kind: 'method' },
      type_spec: { kind: 'type' },
      type_alias: { kind: 'type' },
      const_spec: { kind: 'constant' },
      var_spec: { kind: 'variable', parents: ['var_declaration', 'var_spec_list'] },
    },
  },
  {
    id: 'rust', grammar: 'tree-sitter-rust.wasm', skip: skip('char_literal'), identifiers: ids('type_identifier', 'field_identifier'),
    containers: { impl_item: 'type' },
    definitions: {
      function_item: { kind: 'function' },
      function_signature_item: { kind: 'function' },
      struct_item: { kind: 'type' },
      enum_item: { kind: 'enum' },
      union_item: { kind: 'type' },
      trait_item: { kind: 'interface' },
      type_item: { kind: 'type' },
      const_item: { kind: 'constant' },
      static_item: { kind: 'variable' },
      mod_item: { kind: 'module' },
      macro_definition: { kind: 'macro' },
    },
  },
  {
    id: 'java', grammar: 'tree-sitter-java.wasm', skip: skip(), identifiers: ids('type_identifier'),
    definitions: {
      class_declaration: { kind: 'class' },
      interface_declaration: { kind: 'interface' },
      enum_declaration: { kind: 'enum' },
      record_declaration: { kind: 'class' },
      annotation_type_declaration: { kind: 'interface' },
      method_declaration: { kind: 'method' },
      constructor_declaration: { kind: 'method' },
      variable_declarator: { kind: 'constant', parents: ['field_declaration', 'constant_declaration'] },
    },
  },
  {
    id: 'csharp', grammar: 'tree-sitter-c-sharp.wasm', skip: skip('interpolated_string_expression'), identifiers: ids(),
    definitions: {
      class_declaration: { kind: 'class' },
      interface_declaration: { kind: 'interface' },
      struct_declaration: { kind: 'type' },
      record_declaration: { kind: 'class' },
      enum_declaration: { kind: 'enum' },
      delegate_declaration: { kind: 'type' },
      method_declaration: { kind: 'method' },
      constructor_declaration: { kind: 'method' },
      property_declaration: { kind: 'variable' },
      namespace_declaration: { kind: 'module' },
    },
  },
  { id: 'cpp', grammar: 'tree-sitter-cpp.wasm', skip: skip('raw_string_literal', 'char_literal', 'system_lib_string'), identifiers: ids('type_identifier', 'field_identifier', 'namespace_identifier'), definitions: cDefinitions },
  {
    id: 'ruby', grammar: 'tree-sitter-ruby.wasm', skip: skip('heredoc_body', 'simple_symbol'), identifiers: ids('constant'),
    definitions: {
      method: { kind: 'method' },
      singleton_method: { kind: 'method' },
      class: { kind: 'class' },
      module: { kind: 'module' },
      assignment: { kind: 'constant', nameField: 'left', parents: ['program', 'body_statement'] },
    },
  },
  {
    id: 'php', grammar: 'tree-sitter-php.wasm', skip: skip('heredoc', 'nowdoc'), identifiers: new Set(['name']),
    definitions: {
      function_definition: { kind: 'function' },
      class_declaration: { kind: 'class' },
      interface_declaration: { kind: 'interface' },
      trait_declaration: { kind: 'interface' },
      enum_declaration: { kind: 'enum' },
      method_declaration: { kind: 'method' },
      const_element: { kind: 'constant', nameField: '' },
    },
  },
];

const byExtension: Readonly<Record<string, string>> = {
  ts: 'typescript', mts: 'typescript', cts: 'typescript', tsx: 'tsx',
  js: 'javascript', mjs: 'javascript', cjs: 'javascript', jsx: 'javascript',
  py: 'python', pyi: 'python', go: 'go', rs: 'rust', java: 'java', cs: 'csharp',
  c: 'cpp', h: 'cpp', cc: 'cpp', cpp: 'cpp', cxx: 'cpp', hpp: 'cpp', hh: 'cpp', hxx: 'cpp',
  rb: 'ruby', php: 'php',
};

const byId = new Map(languages.map((l) => [l.id, l]));

/** TypeScript and JavaScript call into each other; every other language only into itself. */
const families: Readonly<Record<string, string>> = { typescript: 'js', tsx: 'js', javascript: 'js' };

/**
 * Whether code in one file can use what another file defines, by their languages: a Python
 * completion is not helped by a Rust function of the same name. Unknown languages match anything.
 */
export function sameLanguageFamily(a: string, b: string): boolean {
  const first = languageForPath(a)?.id;
  const second = languageForPath(b)?.id;
  if (first === undefined || second === undefined) return true;
  return (families[first] ?? first) === (families[second] ?? second);
}

/** The language of a path by its extension, or undefined when the index does not parse it. */
export function languageForPath(path: string): LanguageSpec | undefined {
  const dot = path.lastIndexOf('.');
  if (dot < 0 || dot < path.lastIndexOf('/')) return undefined;
  const id = byExtension[path.slice(dot + 1).toLowerCase()];
  return id === undefined ? undefined : byId.get(id);
}
