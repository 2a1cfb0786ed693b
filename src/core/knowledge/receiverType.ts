import { isIdentifierChar } from './identifiers';

/**
 * The type a receiver was declared with, read from the text alone (no type checker): the
 * declaration nearest before the cursor wins, as scoping would mostly have it. Covers the usual
 * spellings across languages:
 * - annotations `env: ToolEnvironment`, `private readonly models: ModelService`, `x?: Foo | undefined`
 *   (TypeScript, Python, Rust, Kotlin, Swift);
 * - JSDoc `@param {ESLint} engine`, `@type {Foo}` before `let engine`;
 * - constructions `engine = new ESLint(`, `repo = UserRepository(` (Python), `s := &Server{` (Go);
 * - C-family declarations `UserRepository repo`, `Foo* foo` (Java, C#, C++), Go's `repo *Repository`.
 * - assignments from a call `conn = this.manager.server(name)`: the name `server` is returned, and
 *   the caller reads the type from that function's signature (`returnTypeOf`).
 * Qualified names give their last part (`vscode.TextDocument` -> `TextDocument`); an array type
 * gives nothing, since its members are the array's. Nearest first: the caller takes the first its
 * index knows as a type with members.
 */
export function declaredTypesOf(text: string, receiver: string, beforeOffset: number): string[] {
  const found = new Set<string>();
  let seen = 0;
  // Each use of the name before the cursor, nearest first, is checked for a declaration around it;
  // a native scan and short anchored matches keep this inside the completion's 3 ms budget.
  for (let at = text.lastIndexOf(receiver, beforeOffset - receiver.length - 1); at >= 0 && seen < maxUses && beforeOffset - at < scanChars && found.size < maxTypes; at = at === 0 ? -1 : text.lastIndexOf(receiver, at - 1)) {
    const end = at + receiver.length;
    if (isIdentifierChar(text.charCodeAt(at - 1)) || isIdentifierChar(text.charCodeAt(end))) continue;
    seen++;
    const before = text.slice(Math.max(0, at - around), at);
    const after = text.slice(end, end + around);
    for (const type of declarationAt(before, after)) found.add(type);
  }
  return [...found];
}

const around = 160;
const maxUses = 400;
const maxTypes = 3;
const typeName = String.raw`((?:[A-Za-z_$][\w$]*\.)*[A-Za-z_$][\w$]*)`;
const annotated = new RegExp(String.raw`^\s*[?!]?\s*:\s*(?:readonly\s+|&\s*(?:mut\s+)?|\*)?${typeName}(?![\w$]*\s*(?:\[\]|=>))`);
const constructed = new RegExp(String.raw`^\s*(?::=|=)\s*(?:await\s+)?(?:new\s+|&)?${typeName}(?:<[^<>;()]*>)?\s*[({]`);
const goParameter = new RegExp(String.raw`^\s+\*?${typeName}\s*[,)]`);
const cStyle = new RegExp(String.raw`(?:^|[^\w$.])${typeName}(?:<[^<>;()]*>)?\s*[*&]?\s+$`);
const jsDocParam = new RegExp(String.raw`@(?:param|type|var)\s*\{\s*${typeName}\s*\}\s+\[?$`);
const jsDocType = new RegExp(String.raw`@(?:type|var)\s*\{\s*${typeName}\s*\}[^\n]*\*/\s*(?:(?:export\s+)?(?:const|let|var)\s+)?$`);

/** The types one use of the name declares it with, if that use is a declaration: written types before constructions. */
function declarationAt(before: string, after: string): string[] {
  const member = before.endsWith('.');
  // Most uses (`node.type`, `f(node)`) declare nothing: the characters around the name rule out
  // the patterns before any runs (a receiver used hundreds of times is scanned on every keystroke).
  const next = after.trimStart()[0] ?? '';
  const previous = before.trimEnd().at(-1) ?? '';
  const jsDoc = previous === '}' || previous === '[' || before.includes('*/', before.length - 120);
  const candidates = [
    member || !':?!'.includes(next) || next === '' ? undefined : annotated.exec(after)?.[1],
    member || !';,=)'.includes(next) || next === '' ? undefined : cStyle.exec(before)?.[1],
    member || !/^\s/.test(after) || !/[A-Za-z_$*]/.test(next) ? undefined : goParameter.exec(after)?.[1],
    jsDoc ? jsDocParam.exec(before)?.[1] : undefined,
    jsDoc ? jsDocType.exec(before)?.[1] : undefined,
    // `engine = new ESLint(`, `conn = manager.server(` (a function: the caller reads its return type); `this.engine = ...` for a field.
    (member && !/(?:this|self)\s*\.$/.test(before)) || (next !== '=' && next !== ':') ? undefined : constructed.exec(after)?.[1],
  ];
  return candidates.filter((c): c is string => c !== undefined).map(lastPart).filter(isTypeName);
}

/**
 * The type a function's signature says it returns, unwrapped from a promise or an optional:
 * `server(name: string): ServerConnection | undefined {`, `async load(): Promise<Foo>`,
 * `def load(self) -> Optional[Foo]:`, `fn load(&self) -> Result<Foo, E>`, Go's
 * `func (m *M) Server(name string) *Conn {`, Java's `public Conn server(String name)`.
 */
export function returnTypeOf(signature: string, name: string): string | undefined {
  const escaped = name.replace(/\$/g, '\\$');
  const line = signature.split('\n').find((l) => new RegExp(String.raw`(?:^|[^\w$])${escaped}\s*[<(]`).test(l));
  if (!line) return undefined;
  const wrapper = String.raw`(?:(?:Promise|PromiseLike|Observable|Optional|Option|Result|Awaitable|Thenable)\s*[<\[]\s*)?`;
  const after = new RegExp(String.raw`\)\s*(?:(?::|->)\s*${wrapper}|\*?\s*)&?(?:mut\s+)?((?:[A-Za-z_$][\w$]*\.)*[A-Za-z_$][\w$]*)`).exec(line.slice(line.indexOf(name)));
  const before = new RegExp(String.raw`((?:[A-Za-z_$][\w$]*\.)*[A-Z][\w$]*)(?:<[^()]*>)?\s+${escaped}\s*\(`).exec(line);
  const found = before?.[1] ?? after?.[1];
  if (!found) return undefined;
  const type = lastPart(found);
  return isTypeName(type) ? type : undefined;
}

/**
 * The class a class header extends: `class A extends B<T> {`, `class A(B):` (Python),
 * `class A : public B` (C++, C#, Kotlin), `class A < B` (Ruby). Of the last header in `text`
 * when several are there: the class the cursor is in, mostly.
 */
export function baseClassOf(text: string): string | undefined {
  let header: string | undefined;
  // A header starts its line (after modifiers: `export default abstract class`), so "the class X" in a comment is none.
  for (const match of text.slice(-scanChars).matchAll(/^[ \t]*(?:[A-Za-z_@][\w$]*[ \t]+)*class[ \t]+[A-Za-z_$][\w$]*[^{\n]*/gm)) header = match[0];
  if (header === undefined) return undefined;
  const base = /\bextends\s+((?:[\w$]+\.)*[\w$]+)/.exec(header) ?? /^[^(]*?\(\s*((?:[\w$]+\.)*[\w$]+)/.exec(header) ?? /\s:\s*(?:(?:public|protected|private|virtual)\s+)*((?:[\w$]+(?:\.|::))*[\w$]+)/.exec(header) ?? /\s<\s*((?:[\w$]+::)*[\w$]+)/.exec(header);
  const name = base?.[1]?.split(/\.|::/).pop();
  return name !== undefined && isTypeName(name) ? name : undefined;
}

const scanChars = 200_000;
const notTypes = new Set(['string', 'number', 'boolean', 'any', 'unknown', 'void', 'never', 'object', 'null', 'undefined', 'int', 'float', 'double', 'bool', 'char', 'str', 'return', 'new', 'await', 'const', 'let', 'var', 'typeof', 'else', 'case',
  'private', 'public', 'protected', 'readonly', 'static', 'final', 'export', 'async', 'in', 'of', 'instanceof', 'throw', 'yield', 'delete', 'extends', 'implements', 'throws', 'where']);

function isTypeName(name: string): boolean {
  return !notTypes.has(name) && /^[A-Za-z_$]/.test(name);
}

function lastPart(qualified: string): string {
  const at = qualified.lastIndexOf('.');
  return at < 0 ? qualified : qualified.slice(at + 1);
}
