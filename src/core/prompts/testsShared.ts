import { redactRange, redactSecrets, redactionMark } from '../context/redact';
import { estimateMessagesTokens, estimateTokens, type ChatMessage } from '../llm';
import type { DetectedFramework } from '../testing/detect/evidence';
import type { TestFramework } from '../testing/types';
import { answerReserve } from './chat';
import { cutToTokens, fenced, shareBudget } from './textBudget';

/** A piece of code or text in a tests prompt, under its own heading. */
export interface PromptSection {
  heading: string;
  text: string;
  /** Fence language; absent: the text is written as it is (no fence). */
  language?: string;
  /** Kept whole if at all possible (the code under test, the test file to extend); others share what is left. */
  required?: boolean;
  /** What the section is, in notes ("the style example src/a.test.ts"). */
  label: string;
  /** The file the text comes from: chooses the secret rules (config files, service-account JSON). */
  path?: string;
  /** The whole file when `text` is a part of it: secrets are found in the whole (a part inside a key block is still one). */
  wholeText?: string;
}

export interface TestsPrompt {
  messages: ChatMessage[];
  promptTokens: number;
  /** What was cut, left out or redacted: shown to the user, never silent. */
  notes: string[];
  /** Secrets replaced by [REDACTED]: a reply must not copy the mark into a file. */
  redactions: number;
}

export const frameworkNames: Record<TestFramework, string> = {
  jest: 'Jest',
  vitest: 'Vitest',
  mocha: 'Mocha',
  'node-test': "Node's built-in test runner (node:test)",
  pytest: 'pytest',
  unittest: "Python's unittest",
  go: "Go's testing package",
  cargo: 'Rust tests (cargo test)',
  junit: 'JUnit',
};

/** How tests are written with each framework when the project's own tests do not show it. */
export function frameworkHint(detected: Pick<DetectedFramework, 'framework' | 'junitVersion'>): string {
  switch (detected.framework) {
    case 'jest': return "Use Jest's describe/it/expect (globals, or imported from '@jest/globals' if the project's tests do that).";
    case 'vitest': return "Import describe, it and expect from 'vitest'.";
    case 'mocha': return "Use Mocha's describe/it globals with the assertion library the project's tests use (node:assert when they show none).";
    case 'node-test': return "Import { describe, it } from 'node:test' and assert from 'node:assert/strict'.";
    case 'pytest': return 'Write plain test functions (def test_...) with assert; pytest.raises for errors; parametrize where it helps.';
    case 'unittest': return 'Write a unittest.TestCase subclass with test_... methods and self.assert... checks.';
    case 'go': return 'Write func TestXxx(t *testing.T) functions in the same package; table-driven tests with t.Run are welcome.';
    case 'cargo': return 'Put the tests in a #[cfg(test)] mod tests { use super::*; ... } at the end of the file, each a #[test] fn.';
    case 'junit': return detected.junitVersion === 4
      ? 'Use JUnit 4: org.junit.Test and the static asserts of org.junit.Assert.'
      : 'Use JUnit 5: org.junit.jupiter.api.Test and the static asserts of org.junit.jupiter.api.Assertions.';
  }
}

/** The fence language for a path (ts, py, go, ...); '' when unknown. */
export function fenceLanguage(path: string): string {
  const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  const names: Record<string, string> = {
    ts: 'ts', tsx: 'tsx', mts: 'ts', cts: 'ts', js: 'js', jsx: 'jsx', mjs: 'js', cjs: 'js',
    py: 'python', pyi: 'python', go: 'go', rs: 'rust', java: 'java', kt: 'kotlin', groovy: 'groovy', scala: 'scala',
  };
  return names[ext] ?? '';
}

const minimumUsefulTokens = 24;
const sectionOverheadTokens = 12;

/**
 * The system and user messages of a tests prompt within the model's window: every section's
 * secrets redacted first; required sections kept whole while they fit; the others share what is
 * left (small ones whole, large ones cut from the bottom), each cut or omission noted.
 */
export function assembleTestsPrompt(system: string, intro: string, sections: readonly PromptSection[], outro: string, contextWindow: number): TestsPrompt {
  const notes: string[] = [];
  let redactions = 0;
  const redacted = sections.map((section) => {
    const options = { ...(section.language ? { languageId: section.language } : {}), ...(section.path ? { path: section.path } : {}) };
    const at = section.wholeText !== undefined ? section.wholeText.indexOf(section.text) : -1;
    const { text, count } = at >= 0 ? redactRange(section.wholeText!, at, at + section.text.length, options) : redactSecrets(section.text, options);
    if (count > 0) {
      redactions += count;
      notes.push(`${count} secret${count === 1 ? '' : 's'} in ${section.label} ${count === 1 ? 'was' : 'were'} redacted before sending.`);
    }
    return { ...section, text };
  });

  const budget = contextWindow - answerReserve(contextWindow);
  const fixed = estimateTokens(system) + estimateTokens(intro) + estimateTokens(outro) + 16
    + redacted.reduce((sum, s) => sum + estimateTokens(s.heading) + sectionOverheadTokens, 0);
  let room = Math.max(0, budget - fixed);
  const shares = new Map<number, number>();
  const required = redacted.map((s, i) => ({ s, i })).filter(({ s }) => s.required);
  const requiredShares = shareBudget(required.map(({ s }) => estimateTokens(s.text)), room);
  required.forEach(({ i }, k) => {
    shares.set(i, requiredShares[k] ?? 0);
    room -= requiredShares[k] ?? 0;
  });
  const optional = redacted.map((s, i) => ({ s, i })).filter(({ s }) => !s.required);
  const optionalShares = shareBudget(optional.map(({ s }) => estimateTokens(s.text)), room);
  optional.forEach(({ i }, k) => shares.set(i, optionalShares[k] ?? 0));

  const blocks: string[] = [];
  redacted.forEach((section, i) => {
    const share = shares.get(i) ?? 0;
    const size = estimateTokens(section.text);
    if (!section.required && share < minimumUsefulTokens && size > share) {
      notes.push(`${capitalize(section.label)} was left out to fit the model's ${contextWindow.toLocaleString('en-US')}-token context window.`);
      return;
    }
    const { text, cut } = cutToTokens(section.text, share);
    let heading = section.heading;
    if (cut) {
      heading += `\n(cut: the first ${cut.keptLines} of ${cut.totalLines} lines)`;
      notes.push(`${capitalize(section.label)} was cut to ${cut.keptLines} of ${cut.totalLines} lines to fit the model's context window.`);
    }
    // A file's final newline would show as a blank line before the closing fence.
    const body = text.replace(/\n+$/, '');
    blocks.push(section.language !== undefined ? `${heading}\n${fenced(body, section.language)}` : `${heading}\n${body}`);
  });

  const redactionRule = redactions > 0
    ? `\n\nSome values were replaced by ${redactionMark} before this message was sent. Never write ${redactionMark} into a file, and do not copy lines containing it into SEARCH blocks.`
    : '';
  const user = [intro, ...blocks, outro + redactionRule].filter(Boolean).join('\n\n');
  const messages: ChatMessage[] = [{ role: 'system', content: system }, { role: 'user', content: user }];
  return { messages, promptTokens: estimateMessagesTokens(messages), notes, redactions };
}

/** How to write SEARCH/REPLACE blocks: the format src/core/edits reads. */
export function searchReplaceFormat(examplePath: string): string {
  return [
    'Write each change as a SEARCH/REPLACE block: the file path alone on a line, then a fenced block:',
    '',
    examplePath,
    '```',
    '<<<<<<< SEARCH',
    'lines copied exactly from the file (enough to be unique)',
    '=======',
    'the lines that replace them',
    '>>>>>>> REPLACE',
    '```',
  ].join('\n');
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
