import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import type { Language, Parser } from '@vscode/tree-sitter-wasm';
import type { LanguageSpec } from './languages';

type TreeSitterModule = typeof import('@vscode/tree-sitter-wasm');

/**
 * Tree-sitter, loaded on first use: the runtime and each grammar are WebAssembly files read from
 * disk (never part of the activation bundle). `wasmDir` is where they are: the extension's
 * `dist/grammars` (see esbuild.config.mjs), or the package's own folder when running from source.
 * A grammar that cannot be loaded leaves its files out of the index; nothing else fails.
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
      pending = this.load().then(async (m) => m.Language.load(await this.grammarBytes(spec.grammar))).catch(() => undefined);
      this.grammars.set(spec.grammar, pending);
    }
    return pending;
  }

  /** The packaged extension carries grammars brotli-compressed (`.wasm.br`, half the size in the .vsix); the npm package plain. */
  private async grammarBytes(grammar: string): Promise<Uint8Array> {
    const packed = path.join(this.dir, `${grammar}.br`);
    if (existsSync(packed)) return brotliDecompressSync(await fs.readFile(packed));
    return fs.readFile(path.join(this.dir, grammar));
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
  const runtime = '@vscode/tree-sitter-wasm/wasm/tree-sitter.js'; // a variable: bundlers leave it to Node
  return path.dirname(require.resolve(runtime));
}
