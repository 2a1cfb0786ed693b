import type { SecretLintRuleContext, SecretLintRuleCreator } from '@secretlint/types';
import type { SecretFinding, SecretScanner } from './finding';

/**
 * secretlint's recommended preset (AWS, GCP service accounts, GitHub, GitLab, Slack, npm, OpenAI,
 * Anthropic, Hugging Face, SendGrid, Shopify, private keys, database connection strings, ...), run
 * synchronously: its rules are plain functions over the text, so each is called directly with a
 * minimal rule context instead of through `@secretlint/core`'s asynchronous linter (completions
 * cannot wait on a promise chain per keystroke). The rules' messages are never built: they quote
 * the secret, and a finding must never carry one.
 */
const skipped = new Set([
  '@secretlint/secretlint-rule-filter-comments', // `secretlint-disable` comments must not let a key through to a model
]);

const sharedOptions = { locale: 'en', maskSecrets: true } as unknown as SecretLintRuleContext['sharedOptions'];

interface Compiled {
  kind: string;
  run: (content: string, filePath: string, out: SecretFinding[]) => void;
}

let compiled: Compiled[] | undefined;

function compile(): Compiled[] {
  // Loaded on first use, not at activation: the preset is some 200 KB of code.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a synchronous lazy load; redaction cannot await
  const { rules } = require('@secretlint/secretlint-rule-preset-recommend') as { rules: ReadonlyArray<SecretLintRuleCreator<Record<string, unknown>>> };
  return rules
    .filter((rule) => !skipped.has(rule.meta.id))
    .map((rule) => {
      const kind = rule.meta.id.replace(/^@secretlint\/secretlint-rule-/, '');
      let sink: SecretFinding[] = [];
      const context: SecretLintRuleContext = {
        sharedOptions,
        createTranslator: () => ((id: string) => ({ message: id, data: {} })) as never,
        report: (descriptor) => sink.push({ start: descriptor.range[0], end: descriptor.range[1], kind: `${kind} (${String((descriptor.message as { message?: string }).message ?? '')})` }),
        ignore: () => {},
      };
      const handler = rule.create(context, {});
      return {
        kind,
        run: (content, filePath, out) => {
          if (!handler.file) return;
          sink = out;
          const ext = filePath.includes('.') ? filePath.slice(filePath.lastIndexOf('.')) : '';
          try {
            // Asynchronous branches exist only for binary files (.p12); a text's findings are reported synchronously.
            void handler.file(sourceCode(content, filePath, ext));
          } catch {
            // A rule that throws on odd input must not stop the others; the remaining detectors still run.
          }
        },
      };
    });
}

export const secretlintScanner: SecretScanner = (text, context) => {
  compiled ??= compile();
  const out: SecretFinding[] = [];
  const filePath = context.fileName ?? 'file.txt';
  for (const rule of compiled) rule.run(text, filePath, out);
  return out;
};

function sourceCode(content: string, filePath: string, ext: string) {
  return {
    content, filePath, ext, contentType: 'text' as const,
    indexToPosition: (index: number) => {
      const before = content.slice(0, index);
      return { line: before.split('\n').length, column: index - before.lastIndexOf('\n') - 1 };
    },
    locationToRange: () => [0, 0] as const,
  } as unknown as Parameters<NonNullable<ReturnType<SecretLintRuleCreator['create']>['file']>>[0];
}
