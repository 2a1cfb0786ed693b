import type { ChatMessage } from '../llm';
import { estimateTokens } from '../llm';
import { redactSecrets } from '../context/redact';
import { cutToTokens, fenced, shareBudget } from './textBudget';

export interface CommitMessageInput {
  /** `git diff --cached` output (or the working tree's diff when nothing is staged). */
  diff: string;
  /** Subjects of the latest commits, newest first: the style to follow. */
  recentMessages?: string[];
  branch?: string;
  /** Tokens the diff may take in the prompt. */
  diffBudgetTokens?: number;
}

export interface CommitMessagePrompt {
  messages: ChatMessage[];
  /** Files whose diff was shortened or left out, for the log. */
  shortened: string[];
  /** Secrets replaced in the diff before it left the machine. */
  redactions: number;
}

const defaultDiffBudget = 6_000;
/** Generated and vendored files: their content says nothing a commit message needs. */
const omittedContent = /(^|\/)(package-lock\.json|yarn\.lock|pnpm-lock\.yaml|Cargo\.lock|go\.sum|poetry\.lock|composer\.lock|Gemfile\.lock)$|\.(min\.js|min\.css|map|svg|snap)$/;

interface FileDiff {
  path: string;
  text: string;
}

/** Splits a git diff at each `diff --git` header; the path is the new side's. */
export function splitGitDiff(diff: string): FileDiff[] {
  const parts = diff.split(/^(?=diff --git )/m).filter((part) => part.startsWith('diff --git '));
  return parts.map((text) => {
    const header = /^diff --git a\/(.+?) b\/(.+)$/m.exec(text);
    return { path: header?.[2] ?? header?.[1] ?? 'unknown', text: text.replace(/\n+$/, '') };
  });
}

function summarize(file: FileDiff): string {
  const added = (file.text.match(/^\+(?!\+\+ )/gm) ?? []).length;
  const removed = (file.text.match(/^-(?!-- )/gm) ?? []).length;
  return `diff --git a/${file.path} b/${file.path}\n(${added} lines added, ${removed} removed; content left out)`;
}

/** Keeps the head of a file's diff within `tokens`, cut at a line, and says so. */
function cutDiff(file: FileDiff, tokens: number): string {
  const { text, cut } = cutToTokens(file.text, tokens);
  return cut ? `${text}\n… (${cut.totalLines - cut.keptLines} more lines of this file's diff left out)` : text;
}

/**
 * The prompt for a commit message from a staged diff. Every file is named even when the budget
 * forces its content out (lock files always are); secrets in the diff are redacted.
 */
export function buildCommitMessagePrompt(input: CommitMessageInput): CommitMessagePrompt {
  // Each file's diff is redacted whole, before any cut to the budget (a key cut in half is not found).
  let redactions = 0;
  const files = splitGitDiff(input.diff).map((file) => {
    const redacted = redactSecrets(file.text, { languageId: 'diff', path: file.path });
    redactions += redacted.count;
    return redacted.count > 0 ? { ...file, text: redacted.text } : file;
  });
  const shortened: string[] = [];
  const budget = input.diffBudgetTokens ?? defaultDiffBudget;
  const kept = files.filter((file) => !omittedContent.test(file.path));
  const shares = shareBudget(kept.map((file) => estimateTokens(file.text)), budget);
  const sections = files.map((file) => {
    if (omittedContent.test(file.path)) {
      shortened.push(file.path);
      return summarize(file);
    }
    const share = shares[kept.indexOf(file)] ?? 0;
    if (estimateTokens(file.text) <= share) return file.text;
    shortened.push(file.path);
    return share < 40 ? summarize(file) : cutDiff(file, share);
  });
  const redacted = { text: sections.join('\n') };
  const style = input.recentMessages?.length
    ? `Recent commit subjects in this repository (match their style, e.g. a "type(scope):" prefix only if they use one):\n${input.recentMessages.slice(0, 10).map((m) => `- ${m.split('\n')[0]}`).join('\n')}`
    : 'Use the imperative mood ("Add", "Fix"), as git itself does.';
  const system = [
    'You write git commit messages.',
    'Reply with the commit message only: no preamble, no quotes, no code fence.',
    'First line: a summary of at most 72 characters, no trailing period. Then, if the change needs it, a blank line and a short body wrapped at 72 columns saying what changed and why.',
    'Describe only what the diff shows; do not invent motivation or issue numbers.',
  ].join('\n');
  const user = [
    style,
    input.branch ? `Branch: ${input.branch}` : '',
    `The staged changes:\n${fenced(redacted.text, 'diff')}`,
  ].filter(Boolean).join('\n\n');
  return { messages: [{ role: 'system', content: system }, { role: 'user', content: user }], shortened, redactions };
}

/**
 * The model's reply as a commit message: code fences, quotes and "Commit message:" preambles that
 * models add despite the instructions are dropped; lines are right-trimmed; blank runs collapse.
 */
export function cleanCommitMessage(reply: string): string {
  let text = reply.replace(/\r\n/g, '\n').trim();
  text = text.replace(/^<think>[\s\S]*?<\/think>\s*/, '');
  const fence = /^(`{3,}|~{3,})[^\n]*\n([\s\S]*?)\n\1\s*$/.exec(text);
  if (fence) text = fence[2] ?? '';
  text = text.replace(/^(?:\*\*)?(?:suggested )?commit message(?:\*\*)?:?\s*\n?/i, '');
  if (/^(["'`])[^\n]*\1$/.test(text.split('\n')[0] ?? '') && !text.includes('\n')) text = text.slice(1, -1);
  return text.split('\n').map((line) => line.trimEnd()).join('\n').replace(/\n{3,}/g, '\n\n').trim();
}
