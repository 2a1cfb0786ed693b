import { categories, type Category, type Finding, type Severity } from './types';

/** What SARIF 2.1.0 calls the levels (its "info" is "note"). */
const sarifLevel: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

const ruleText: Record<Category, string> = {
  bug: 'A defect in the changed code: wrong logic, unhandled errors, broken edge cases.',
  security: 'A security problem in the changed code: injection, missing validation, exposed secrets.',
  performance: 'A performance problem with real impact in the changed code.',
  'test-gap': 'Changed or new behaviour without a test.',
  maintainability: 'A maintainability problem likely to cause defects.',
};

export interface SarifOptions {
  toolVersion?: string;
  /** Absolute file:// URI of the repository root: results' paths are relative to it (%SRCROOT%). */
  rootUri?: string;
}

/**
 * The findings as a SARIF 2.1.0 log (one run, one rule per category), the format code-scanning
 * dashboards (GitHub, Azure DevOps, GitLab) upload. Paths are relative to %SRCROOT%.
 */
export function toSarif(findings: readonly Finding[], options: SarifOptions = {}): object {
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'Tandem Review',
          informationUri: 'https://github.com/tandem-ai/tandem',
          ...(options.toolVersion ? { version: options.toolVersion } : {}),
          rules: categories.map((category) => ({
            id: `tandem/${category}`,
            name: category.replace(/-(\w)/g, (_, c: string) => c.toUpperCase()),
            shortDescription: { text: ruleText[category] },
          })),
        },
      },
      ...(options.rootUri ? { originalUriBaseIds: { '%SRCROOT%': { uri: options.rootUri.endsWith('/') ? options.rootUri : `${options.rootUri}/` } } } : {}),
      results: findings.map((finding) => ({
        ruleId: `tandem/${finding.category}`,
        ruleIndex: categories.indexOf(finding.category),
        level: sarifLevel[finding.severity],
        message: { text: finding.explanation ? `${finding.message}\n\n${finding.explanation}` : finding.message },
        locations: [{
          physicalLocation: {
            artifactLocation: { uri: encodeURI(finding.path), uriBaseId: '%SRCROOT%' },
            region: { startLine: finding.line, endLine: finding.endLine },
          },
        }],
        partialFingerprints: { 'tandemFinding/v1': fingerprint(finding) },
        ...(finding.fix ? { fixes: [sarifFix(finding)] } : {}),
      })),
    }],
  };
}

/** The proposed fix as SARIF artifact changes (character regions of the reviewed text). */
function sarifFix(finding: Finding): object {
  const byPath = new Map<string, NonNullable<Finding['fix']>['replacements']>();
  for (const r of finding.fix!.replacements) byPath.set(r.path, [...(byPath.get(r.path) ?? []), r]);
  return {
    description: { text: `Tandem's proposed fix: ${finding.message}` },
    artifactChanges: [...byPath].map(([path, replacements]) => ({
      artifactLocation: { uri: encodeURI(path), uriBaseId: '%SRCROOT%' },
      replacements: replacements.map((r) => ({ deletedRegion: { charOffset: r.charOffset, charLength: r.charLength }, insertedContent: { text: r.insertedText } })),
    })),
  };
}

/** Stable across runs for the same finding on the same code (dashboards de-duplicate by it). */
function fingerprint(finding: Finding): string {
  let hash = 0x811c9dc5;
  for (const ch of `${finding.path}\u0000${finding.category}\u0000${finding.message}`) {
    hash ^= ch.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/** `src/a.ts:12: error: message [bug]`: the compiler style terminals and CI logs make clickable. */
export function formatFindingLine(finding: Finding): string {
  return `${finding.path}:${finding.line}: ${finding.severity}: ${finding.message} [${finding.category}]`;
}
