import { categories, isSeverity, type Category, type Severity } from './types';

/**
 * The format the model is asked to answer in (one block per finding, plain lines inside a tag:
 * no JSON escaping for a small model to get wrong), and the words models use instead of ours.
 */
export const replyFormatInstructions = `Answer with one block per finding, nothing else:

<finding>
file: <path as in the diff>
line: <new-file line number of the changed line the finding is about; a range like 12-14 is allowed>
severity: error | warning | info
category: bug | security | performance | test-gap | maintainability
message: <one sentence: what is wrong>
explanation: <why it matters and what to do; may continue on the next lines>
<fix>
<optional: the corrected code as a SEARCH/REPLACE block for the file>
</fix>
</finding>

If you find nothing worth reporting, answer exactly: <no-findings/>`;

const severityWords: Record<string, Severity> = {
  error: 'error', critical: 'error', blocker: 'error', high: 'error', major: 'error', severe: 'error', fatal: 'error',
  warning: 'warning', warn: 'warning', medium: 'warning', moderate: 'warning',
  info: 'info', information: 'info', note: 'info', low: 'info', minor: 'info', nit: 'info', suggestion: 'info', hint: 'info',
};

const categoryWords: Record<string, Category> = {
  bug: 'bug', correctness: 'bug', logic: 'bug', error: 'bug', defect: 'bug',
  security: 'security', vulnerability: 'security', vuln: 'security',
  performance: 'performance', perf: 'performance', efficiency: 'performance',
  'test-gap': 'test-gap', testgap: 'test-gap', test: 'test-gap', tests: 'test-gap', testing: 'test-gap', 'missing-test': 'test-gap', 'missing-tests': 'test-gap', coverage: 'test-gap',
  maintainability: 'maintainability', style: 'maintainability', readability: 'maintainability', design: 'maintainability', 'code-quality': 'maintainability', quality: 'maintainability',
};

export function readSeverity(word: string | undefined): Severity | undefined {
  const key = (word ?? '').trim().toLowerCase().replace(/[^a-z]/g, '');
  if (isSeverity(key)) return key;
  return severityWords[key];
}

export function readCategory(word: string | undefined): Category | undefined {
  const key = (word ?? '').trim().toLowerCase().replace(/[\s_]+/g, '-').replace(/[^a-z-]/g, '');
  if ((categories as readonly string[]).includes(key)) return key as Category;
  return categoryWords[key] ?? categoryWords[key.replace(/-/g, '')];
}
