import { assignmentScanner } from './assignments';
import { configValueScanner, kubernetesSecretScanner } from './configValues';
import { isConfigText } from './fileKinds';
import { candidateLines, toOriginal } from './candidateLines';
import { mergeFindings, trimFinding, type ScanContext, type SecretFinding, type SecretScanner } from './finding';
import { secretlintScanner } from './secretlintRules';
import { credentialScanner, privateKeyScanner } from './structuredSecrets';
import { tokenShapeScanner } from './tokenShapes';

export interface DetectOptions {
  /** VS Code's language id of the text. */
  languageId?: string;
  /** The file's path (any form): picks config-file rules and secretlint's per-file rules (service-account JSON). */
  path?: string;
}

/** Precise detectors, over the whole text: where one of them found the secret inside a wider report, the wider one is dropped. */
const precise: readonly SecretScanner[] = [privateKeyScanner, credentialScanner, assignmentScanner, kubernetesSecretScanner];

/**
 * Every secret in the whole text, as character ranges: secretlint's recommended rules plus what
 * such rule sets miss (secret-named assignments in any syntax, credentials in URLs and command
 * lines, auth headers, webhooks, random-looking config values, Kubernetes Secret data, private
 * keys with escaped newlines). Run it on the whole text, before any cut: a key cut in half is
 * not recognised.
 */
export function detectSecrets(original: string, options: DetectOptions = {}): SecretFinding[] {
  if (original.length === 0) return [];
  // A diff's +/-/space column would hide line starts (`+ENV PASSWORD …`, `+kind: Secret`): scanned without it, same offsets.
  const text = options.languageId === 'diff' || /^(?:diff --git |--- |@@ )/.test(original) ? original.replace(/^[+\- ]/gm, ' ') : original;
  const fileName = options.path?.replace(/\\/g, '/').split('/').pop()?.toLowerCase();
  const context: ScanContext = { config: isConfigText(options.languageId, options.path), ...(fileName ? { fileName: fileName.includes('.') ? fileName : `${fileName}.txt` } : {}) };
  // Token rule sets only need the lines that hold a long token (see candidateLines).
  const candidate = candidateLines(text);
  const back = (f: SecretFinding): SecretFinding => {
    const [start, end] = toOriginal(candidate, f.start, f.end);
    return { start, end, kind: f.kind };
  };
  const own = [
    ...precise.flatMap((scan) => scan(text, context)),
    ...tokenShapeScanner(candidate.text, context).map(back),
    ...configValueScanner(candidate.text, context).map(back),
  ];
  own.sort((a, b) => a.start - b.start);
  const maxEnd: number[] = [];
  own.forEach((f, k) => maxEnd.push(Math.max(f.end, k > 0 ? maxEnd[k - 1]! : 0)));
  const ruleSet = candidate.text === '' ? [] : secretlintScanner(candidate.text, { ...context, fileName: serviceAccountName(text, context.fileName) })
    .map(back)
    .filter((other) => !overlapsAny(own, other, maxEnd))
    .map((other) => repairRange(text, other));
  return mergeFindings([...own, ...ruleSet].map((f) => trimFinding(text, f)).filter((f): f is SecretFinding => f !== undefined));
}

/** secretlint reads service-account keys only in `.json` files; a JSON text of unknown name is one too. */
function serviceAccountName(text: string, fileName: string | undefined): string | undefined {
  if (fileName?.endsWith('.json')) return fileName;
  return /"type"\s*:\s*"service_account"/.test(text) ? 'service-account.json' : fileName;
}

/**
 * Whether a finding of `sorted` (by start) overlaps `other`. Where the precise detectors found a
 * secret, a rule set's report of the same place is dropped: such reports may be wider (a whole
 * connection string with its closing quote) or shifted (a range that starts at the name).
 */
function overlapsAny(sorted: readonly SecretFinding[], other: SecretFinding, maxEnd: readonly number[]): boolean {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid]!.start < other.end) low = mid + 1;
    else high = mid;
  }
  // sorted[0..low) start before `other` ends; one of them overlaps it when the furthest end reaches into it.
  return low > 0 && maxEnd[low - 1]! > other.start;
}

/** A report that starts at a name (`KEY = "secret…`) moved to the value after the last separator, and stretched to its end. */
function repairRange(text: string, finding: SecretFinding): SecretFinding {
  const span = text.slice(finding.start, finding.end);
  const separator = Math.max(span.lastIndexOf('"'), span.lastIndexOf("'"), span.lastIndexOf('='), span.lastIndexOf(': '), span.lastIndexOf(' '));
  if (separator < 0 || /^-----BEGIN|:\/\//.test(span)) return finding;
  let end = Math.max(finding.end, finding.start + separator + 1);
  while (end < text.length && /[A-Za-z0-9+/=_.~-]/.test(text[end]!)) end++;
  const start = finding.start + separator + 1 + (span[separator] === ':' ? 1 : 0);
  return end > start ? { start, end, kind: finding.kind } : finding;
}
