import type { TestFramework } from '../types';

/** A test framework found in a project, with why Tandem believes it. */
export interface DetectedFramework {
  framework: TestFramework;
  /** The project folder (workspace-relative, '' = root): where its config lives and commands run. */
  root: string;
  /** Sum of the weights of the evidence; higher is surer. Candidates are sorted by it. */
  score: number;
  /** Human-readable reasons, e.g. "package.json scripts.test runs jest". */
  evidence: string[];
  /** Nothing named a framework: this is the default for the language, not a finding. */
  fallback?: boolean;
  /** Go: the module path from go.mod (parseTestOutput needs it to place file names). */
  goModule?: string;
  /** JUnit: the build tool, whether the project ships a Gradle wrapper, and the JUnit generation. */
  buildTool?: 'maven' | 'gradle';
  gradleWrapper?: boolean;
  junitVersion?: 4 | 5;
}

/** Collects weighted evidence per framework while a detector looks at one project. */
export class EvidenceBoard {
  private readonly found = new Map<TestFramework, DetectedFramework>();
  private readonly keys = new Set<string>();

  constructor(private readonly root: string) {}

  /** Counts each `key` (default: the reason) once, so twenty similar test files weigh as one. */
  add(framework: TestFramework, weight: number, reason: string, key: string = reason): void {
    if (this.keys.has(`${framework}\0${key}`)) return;
    this.keys.add(`${framework}\0${key}`);
    const entry = this.found.get(framework) ?? { framework, root: this.root, score: 0, evidence: [] };
    entry.score += weight;
    entry.evidence.push(reason);
    this.found.set(framework, entry);
  }

  has(framework: TestFramework): boolean {
    return this.found.has(framework);
  }

  get(framework: TestFramework): DetectedFramework | undefined {
    return this.found.get(framework);
  }

  results(): DetectedFramework[] {
    return [...this.found.values()];
  }
}

/** Parses JSON, returning undefined for missing or malformed text (a broken file is no evidence). */
export function parseJsonObject(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function stringRecord(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object') return {};
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'));
}
