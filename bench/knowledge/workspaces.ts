import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A real codebase available offline: the TypeScript sources that packages ship in node_modules
 * (openai, zod), eslint's JavaScript, and Tandem's own src/ — copied to a temporary folder, since
 * the benchmark edits files in it.
 */
export function realWorkspace(repoRoot: string): string {
  return copiedWorkspace(repoRoot, 'real', [
    ['node_modules/openai/src', 'openai'],
    ['node_modules/zod/src', 'zod'],
    ['node_modules/eslint/lib', 'eslint'],
    ['src', 'tandem'],
  ]);
}

/**
 * A second codebase, not the one the retrieval ranking was developed on: the sources of other
 * packages in node_modules (Microsoft's MSAL, ajv, undici), to tell a general gain from one fitted
 * to the first.
 */
export function unseenWorkspace(repoRoot: string): string {
  return copiedWorkspace(repoRoot, 'unseen', [
    ['node_modules/@azure/msal-browser/src', 'msal-browser'],
    ['node_modules/@azure/msal-common/src', 'msal-common'],
    ['node_modules/ajv/lib', 'ajv'],
    ['node_modules/undici/lib', 'undici'],
  ]);
}

function copiedWorkspace(repoRoot: string, name: string, sources: Array<[string, string]>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), `tandem-bench-knowledge-${name}-`));
  for (const [from, to] of sources) {
    const absolute = path.join(repoRoot, from);
    if (existsSync(absolute)) cpSync(absolute, path.join(root, to), { recursive: true, filter: (f) => !f.endsWith('.d.ts') && !f.endsWith('.map') });
  }
  return root;
}

/** Seeded, so every run generates the same workspace. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const words = ['account', 'order', 'invoice', 'payment', 'customer', 'cart', 'shipment', 'product', 'price', 'discount', 'report', 'session', 'token', 'audit', 'ledger', 'refund', 'tax', 'stock', 'vendor', 'coupon'];
const cap = (w: string) => w[0]!.toUpperCase() + w.slice(1);

/**
 * `count` TypeScript modules in folders of 100: each defines a class with methods, an interface,
 * functions and a constant, imports three other modules and calls what they define (names repeat
 * across modules, as `load`/`save` do in real code).
 */
export function generatedWorkspace(count: number): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'tandem-bench-knowledge-gen-'));
  const random = prng(20_000);
  const name = (i: number) => `pkg${String(Math.floor(i / 100)).padStart(3, '0')}/mod${String(i).padStart(5, '0')}`;
  for (let i = 0; i < count; i++) {
    const word = words[i % words.length]!;
    const own = `${cap(word)}${i}`;
    const deps = [0, 1, 2].map(() => Math.floor(random() * count)).filter((d) => d !== i);
    const imports = deps.map((d) => `import { ${cap(words[d % words.length]!)}${d}Service, make${cap(words[d % words.length]!)}${d} } from '${path.posix.relative(path.posix.dirname(name(i)), name(d)).replace(/^(?!\.)/, './')}';`);
    const uses = deps.map((d) => `    const dep${d} = make${cap(words[d % words.length]!)}${d}({ limit: ${Math.floor(random() * 100)} });\n    total += new ${cap(words[d % words.length]!)}${d}Service(dep${d}).load(id).length;`);
    const text = `${imports.join('\n')}

/** Options for ${word} ${i}. */
export interface ${own}Options {
  limit: number;
  region?: string;
}

export const ${word.toUpperCase()}_${i}_LIMIT = ${Math.floor(random() * 1000)};

/** Loads and saves ${word} records of module ${i}. */
export class ${own}Service {
  constructor(private readonly options: ${own}Options) {}

  /** The ${word} records for this id. */
  load(id: string): string[] {
    return [id, String(this.options.limit)];
  }

  save(id: string, records: string[]): number {
    return records.length + id.length;
  }

  summarize(id: string): number {
    let total = 0;
${uses.join('\n')}
    return total;
  }
}

/** Makes the options of ${word} ${i} with defaults. */
export function make${own}(partial: Partial<${own}Options>): ${own}Options {
  return { limit: ${word.toUpperCase()}_${i}_LIMIT, ...partial };
}
`;
    const file = path.join(root, `${name(i)}.ts`);
    if (i % 100 === 0) mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  return root;
}

export function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? folderBytes(full) : statSync(full).size;
  }
  return total;
}
