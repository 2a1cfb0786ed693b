import assert from 'node:assert/strict';
import { baseClassOf, declaredTypesOf, returnTypeOf } from '../../../src/core/knowledge/receiverType';

/** The types declared for `receiver` before the `|` marking the cursor. */
function typesAt(textWithCursor: string, receiver: string): string[] {
  const at = textWithCursor.indexOf('|');
  return declaredTypesOf(textWithCursor.replace('|', ''), receiver, at);
}

describe('knowledge: the type a receiver was declared with', () => {
  it('reads annotations, parameter properties, optional and qualified types', () => {
    assert.deepEqual(typesAt('async function f(env: ToolEnvironment, n: number) {\n  await env.|', 'env'), ['ToolEnvironment']);
    assert.deepEqual(typesAt('class H {\n  constructor(private readonly models: ModelService) {}\n  run() { this.models.| }', 'models'), ['ModelService']);
    assert.deepEqual(typesAt('let doc?: vscode.TextDocument | undefined;\ndoc.|', 'doc'), ['TextDocument']);
    assert.deepEqual(typesAt('def run(repo: UserRepository) -> None:\n    repo.|', 'repo'), ['UserRepository']);
    assert.deepEqual(typesAt('fn run(repo: &mut Repository) {\n    repo.|', 'repo'), ['Repository']);
  });

  it('reads JSDoc, constructions and C-family and Go declarations', () => {
    assert.deepEqual(typesAt('/**\n * @param {ESLint} engine The instance.\n */\nasync function p(engine) {\n  await engine.|', 'engine'), ['ESLint']);
    assert.deepEqual(typesAt('/** @type {Linter} */\nlet linter;\nlinter.|', 'linter'), ['Linter']);
    assert.deepEqual(typesAt('const engine = new ESLint(options);\nengine.|', 'engine'), ['ESLint']);
    assert.deepEqual(typesAt('this.cache = new Map<string, Entry>();\nthis.cache.|', 'cache'), ['Map']);
    assert.deepEqual(typesAt('repo = UserRepository(db)\nrepo.|', 'repo'), ['UserRepository']);
    assert.deepEqual(typesAt('s := &Server{addr: a}\ns.|', 's'), ['Server']);
    assert.deepEqual(typesAt('public void run(UserRepository repo, int n) {\n  repo.|', 'repo'), ['UserRepository']);
    assert.deepEqual(typesAt('Foo* foo = make();\nfoo->|', 'foo'), ['Foo', 'make'], 'the written type first, then the function whose return type the caller may read');
    assert.deepEqual(typesAt('func run(repo *Repository, n int) {\n\trepo.|', 'repo'), ['Repository']);
  });

  it('takes the nearest declaration first, and leaves out what declares nothing', () => {
    assert.deepEqual(typesAt('let a: First;\nfunction g() {\n  let a: Second;\n  a.|', 'a'), ['Second', 'First']);
    assert.deepEqual(typesAt('const items: Item[] = [];\nitems.|', 'items'), [], 'an array: its members are the array\'s');
    assert.deepEqual(typesAt('const n: number = 1;\nreturn n;\nn.|', 'n'), []);
    assert.deepEqual(typesAt('const options = { env: production };\nenv.|', 'env'), ['production'], 'a lower-case value is offered; the caller keeps only types its index knows');
    assert.deepEqual(typesAt('environment.start();\nenv.|', 'env'), [], 'only whole names');
    assert.deepEqual(typesAt('other.env = new Thing();\nenv.|', 'env'), [], 'a member of another object declares nothing for this name');
    assert.deepEqual(typesAt('env.|\nconst env: Later = x;', 'env'), [], 'nothing after the cursor');
  });

  it('reads the return type of a signature, unwrapped', () => {
    assert.equal(returnTypeOf('  /** The server. */\n  server(name: string): ServerConnection | undefined {', 'server'), 'ServerConnection');
    assert.equal(returnTypeOf('async load(cb: () => void): Promise<User> {', 'load'), 'User');
    assert.equal(returnTypeOf('def load(self) -> Optional[User]:', 'load'), 'User');
    assert.equal(returnTypeOf('pub fn load(&self) -> Result<User, Error> {', 'load'), 'User');
    assert.equal(returnTypeOf('func (m *Manager) Server(name string) *Conn {', 'Server'), 'Conn');
    assert.equal(returnTypeOf('public Conn server(String name) throws IOException {', 'server'), 'Conn');
    assert.equal(returnTypeOf('function save(user) {', 'save'), undefined);
    assert.equal(returnTypeOf('save(user: User): void {', 'save'), undefined);
  });

  it('reads the base class of the last class header', () => {
    assert.equal(baseClassOf('class A extends Base<T> {\n  run() {\n    this.'), 'Base');
    assert.equal(baseClassOf('export class Ajv extends core.AjvCore {'), 'AjvCore');
    assert.equal(baseClassOf('class Handler(base.BaseHandler):\n    def run(self):\n        self.'), 'BaseHandler');
    assert.equal(baseClassOf('class Widget : public QWidget {'), 'QWidget');
    assert.equal(baseClassOf('class User < ApplicationRecord\n  def x\n    self.'), 'ApplicationRecord');
    assert.equal(baseClassOf('class A extends B {}\nclass C {\n  run() { this.'), undefined, 'the class the cursor is in has no base');
    assert.equal(baseClassOf('function f() { this.'), undefined);
    assert.equal(baseClassOf('export default abstract class Repo extends Base {\n  // the class that holds rows\n  run() { this.'), 'Base', 'a comment naming a class is no header');
  });
});
