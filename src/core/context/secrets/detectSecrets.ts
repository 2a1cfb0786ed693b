import { assignmentScanner } from './assignments';
import { configValueScanner } from './configValues';
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
const precise: readonly SecretScanner[] = [privateKeyScanner, credentialScanner, assignmentScanner, configValueScanner];

/**
 * Every secret in the whole text, as character ranges: secretlint's recommended rules plus what
 * such rule sets miss (secret-named assignments in any syntax, credentials in URLs and command
 * lines, auth headers, webhooks, random-looking config values, Kubernetes Secret data, private
 * keys with escaped newlines). Run it on the whole text, before any cut: a key cut in half is
 * not recognised.
 */
export function detectSecrets(text: string, options: DetectOptions = {}): SecretFinding[] {
  if (text.length === 0) return [];
  const fileName = options.path?.replace(/\\/g, '/').split('/').pop()?.toLowerCase();
  const context: ScanContext = { config: isConfigText(options.languageId, options.path), ...(fileName ? { fileName: fileName.includes('.') ? fileName : `${fileName}.txt` } : {}) };
  // Token rule sets only need the lines that hold a long token (see candidateLines).
  const candidate = candidateLines(text);
  const back = (f: SecretFinding): SecretFinding => {
    const [start, end] = toOriginal(candidate, f.start, f.end);
    return { start, end, kind: f.kind };
  };
  const own = [...precise.flatMap((scan) => scan(text, context)), ...tokenShapeScanner(candidate.text, context).map(back)];
  own.sort((a, b) => a.start - b.start);
  const ruleSet = candidate.text === '' ? [] : secretlintScanner(candidate.text, { ...context, fileName: serviceAccountName(text, context.fileName) })
    .map(back)
    .filter((wide) => !containsAny(own, wide));
  return mergeFindings([...own, ...ruleSet].map((f) => trimFinding(text, f)).filter((f): f is SecretFinding => f !== undefined));
}

/** secretlint reads service-account keys only in `.json` files; a JSON text of unknown name is one too. */
function serviceAccountName(text: string, fileName: string | undefined): string | undefined {
  if (fileName?.endsWith('.json')) return fileName;
  return /"type"\s*:\s*"service_account"/.test(text) ? 'service-account.json' : fileName;
}

/** Whether a finding of `sorted` (by start) lies within `wide`. */
function containsAny(sorted: readonly SecretFinding[], wide: SecretFinding): boolean {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid]!.start < wide.start) low = mid + 1;
    else high = mid;
  }
  for (let k = low; k < sorted.length && sorted[k]!.start < wide.end; k++) if (sorted[k]!.end <= wide.end) return true;
  return false;
}
