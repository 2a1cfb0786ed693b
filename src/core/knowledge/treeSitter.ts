import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Language, Parser } from '@vscode/tree-sitter-wasm';
import type { LanguageSpec } from './languages';

type TreeSitterModule = typeof import('@vscode/tree-sitter-wasm');

/**
 * Tree-sitter, loaded on first use: the runtime and each grammar are WebAssembly files read from
 * disk (never part of the activation bundle). `wasmDir` is where they are: the extension's
 * `dist/grammars`, or the package's own folder when running from source.
 */
export class TreeSitterLoader {
  private runtime: Promise<TreeSitterModule> | undefined;
  private readonly grammars = new Map<string, Promise<Language | undefined>>();
  private parser: Parser | undefined;
  private readonly dir: string;

  constructor(wasmDir?: string) {
    this.dir = wasmDir ?? defaultWasmDir();
  }

  /** A parser set to the language, or undefined when its grammar cannot be loaded (the file is then skipped). */
  async parserFor(spec: LanguageSpec): Promise<Parser | undefined> {
    const language = await this.language(spec);
    if (!language) return undefined;
    const module = await this.load();
    this.parser ??= new module.Parser();
    this.parser.setLanguage(language);
    return this.parser;
  }

  private language(spec: LanguageSpec): Promise<Language | undefined> {
    let pending = this.grammars.get(spec.grammar);
    if (!pending) {
      pending = this.load().then((m) => m.Language.load(path.join(this.dir, spec.grammar))).catch(() => undefined);
      this.grammars.set(spec.grammar, pending);
    }
    return pending;
  }

  private load(): Promise<TreeSitterModule> {
    this.runtime ??= (async () => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS module loaded lazily, from the folder of its .wasm
      const module = require(path.join(this.dir, 'tree-sitter.js')) as TreeSitterModule;
      await module.Parser.init({ locateFile: (file: string) => path.join(this.dir, file) });
      return module;
    })();
    return this.runtime;
  }
}

/** dist/grammars beside the bundle, else the npm package (running from source, tests). */
export function defaultWasmDir(): string {
  const beside = path.join(__dirname, 'grammars');
  if (existsSync(path.join(beside, 'tree-sitter.js'))) return beside;
  return path.dirname(require.resolve('@vscode/tree-sitter-wasm/wasm/tree-sitter.js'));
}
