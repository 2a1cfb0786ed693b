// The workloads of `npm run bench -- redaction`: 1 MB texts redacted by the detector, by the
// previous redactor and by secretlint's preset alone (every rule over the whole text), and the
// share of a generated corpus's secrets each one catches.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { rules } from '@secretlint/secretlint-rule-preset-recommend';
import { redactSecrets } from '../../src/core/context/redact';
import { leakedValues, secretCorpus } from '../../test/support/secretCorpus';
import { redactSecrets as previousRedactSecrets } from './previousRedactor';

const megabyte = 1_000_000;
const runs = 25;

/** 1 MB of this repository's own TypeScript: real code, no secrets, the common case. */
export function codeText(repoRoot: string): string {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir).sort()) {
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) walk(full);
      else if (full.endsWith('.ts')) files.push(full);
    }
  };
  walk(path.join(repoRoot, 'src'));
  let text = '';
  while (text.length < megabyte) for (const file of files) text += readFileSync(file, 'utf8');
  return text.slice(0, megabyte);
}

/** 1 MB of YAML settings with a secret every 40 lines or so (fresh corpus files mixed in): a large config file. */
export function configText(): string {
  const settings = Array.from({ length: 60 }, (_, k) => `  setting_${k}:\n    enabled: ${k % 2 === 0}\n    url: https://service-${k}.internal:8080/api/v2\n    retries: ${k % 7}\n    tags: [web, api, v${k}]`).join('\n');
  let text = '';
  while (text.length < megabyte) {
    const corpus = secretCorpus();
    text += `${settings}\n${corpus.files.find((f) => f.path === 'config/settings.yml')!.text}${corpus.files.find((f) => f.path === 'docker-compose.yml')!.text}`;
  }
  return text.slice(0, megabyte);
}

/** 1 MB of the generated corpus's files (config, env, YAML, keys): dense with secrets, the worst case. */
export function corpusText(): { text: string; values: string[] } {
  let text = '';
  const values: string[] = [];
  while (text.length < megabyte) {
    const corpus = secretCorpus();
    text += corpus.files.map((f) => f.text).join('\n');
    values.push(...corpus.values);
  }
  return { text, values };
}

function timeIt(run: () => unknown): { median: number; p95: number } {
  for (let k = 0; k < 3; k++) run(); // warm-up: regexes compiled, rules created
  const times: number[] = [];
  for (let k = 0; k < runs; k++) {
    const started = performance.now();
    run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(runs / 2)]!, p95: times[Math.ceil(runs * 0.95) - 1]! };
}

function secretlintWholeText(text: string, filePath: string): void {
  for (const rule of rules as ReadonlyArray<{ create: (context: unknown, options: unknown) => { file?: (source: unknown) => unknown } }>) {
    const context = { sharedOptions: {}, createTranslator: () => () => ({}), report: () => {}, ignore: () => {} };
    void rule.create(context, {}).file?.({ content: text, filePath, ext: path.extname(filePath), contentType: 'text' });
  }
}

export function timingScenario(repoRoot: string): Record<string, number> {
  const code = codeText(repoRoot);
  const config = configText();
  const { text: dense } = corpusText();
  const out: Record<string, number> = {};
  const record = (name: string, run: () => unknown) => {
    const { median, p95 } = timeIt(run);
    out[`${name}Ms`] = median;
    out[`${name}P95Ms`] = p95;
  };
  record('detector1MbCode', () => redactSecrets(code, { path: 'src/big.ts', languageId: 'typescript' }));
  record('detector1MbConfigYaml', () => redactSecrets(config, { path: 'config/big.yml', languageId: 'yaml' }));
  record('detector1MbAllSecrets', () => redactSecrets(dense, { path: 'config/corpus.yml', languageId: 'yaml' }));
  record('previous1MbCode', () => previousRedactSecrets(code, { languageId: 'typescript' }));
  record('previous1MbConfigYaml', () => previousRedactSecrets(config, { languageId: 'yaml' }));
  record('secretlintAllRules1MbCode', () => secretlintWholeText(code, 'src/big.ts'));
  return out;
}

/** How many of a fresh corpus's secret values each redactor leaves in its output (each file redacted as a whole). */
export function coverageScenario(): Record<string, number> {
  const corpus = secretCorpus();
  const after = (redact: (text: string, file: string) => string) => corpus.files.map((f) => redact(f.text, f.path));
  const leftByDetector = leakedValues(corpus.values, after((text, file) => redactSecrets(text, { path: file }).text)).length;
  const leftByPrevious = leakedValues(corpus.values, after((text, file) => previousRedactSecrets(text, { languageId: languageOf(file) }).text)).length;
  return { corpusValues: corpus.values.length, corpusKinds: corpus.kinds, corpusLeftByDetector: leftByDetector, corpusLeftByPrevious: leftByPrevious };
}

function languageOf(file: string): string | undefined {
  const ext = path.extname(file).slice(1);
  return ({ yml: 'yaml', yaml: 'yaml', ini: 'ini', properties: 'properties', toml: 'toml', sh: 'shellscript', env: 'dotenv' } as Record<string, string>)[ext] ?? (file.endsWith('Dockerfile') ? 'dockerfile' : undefined);
}
