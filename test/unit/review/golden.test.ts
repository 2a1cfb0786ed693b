// Golden model replies (test/fixtures/review/cases/*) -> the findings Tandem keeps, through the
// whole engine (reviewDiff) with the reply scripted and a real outbound gate on the fixture project.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { nodeOutboundGate } from '../../../src/core/context';
import type { ChatRequest, ChatStreamEvent } from '../../../src/core/llm';
import { reviewDiff, type PrecisionOptions } from '../../../src/core/review';

const FIXTURES = path.resolve(__dirname, '../../fixtures/review');
const PROJECT = path.join(FIXTURES, 'project');

interface Expected {
  options?: PrecisionOptions;
  findings: Array<{ path: string; line: number; severity: string; category: string; message: string; fix: boolean }>;
  notes: string[];
  /** Lines the kept fixes' diffs must add, as the user would see them in the review. */
  fixAdds?: string[];
}

export function scriptedBackend(reply: string, requests: ChatRequest[] = []) {
  return {
    async *streamChat(request: ChatRequest): AsyncGenerator<ChatStreamEvent> {
      requests.push(request);
      yield { type: 'text', text: reply };
      yield { type: 'done', result: { text: reply, toolCalls: [], finishReason: 'stop', metrics: {} as never } };
    },
  };
}

export const readProjectFile = async (file: string) => {
  try {
    return { text: readFileSync(path.join(PROJECT, 'files', file), 'utf8'), languageId: file.endsWith('.ts') ? 'typescript' : 'plaintext' };
  } catch {
    return undefined;
  }
};

describe('review: golden replies -> kept findings', () => {
  const diff = readFileSync(path.join(PROJECT, 'change.diff'), 'utf8');
  for (const name of readdirSync(path.join(FIXTURES, 'cases')).sort()) {
    it(name, async () => {
      const reply = readFileSync(path.join(FIXTURES, 'cases', name, 'reply.txt'), 'utf8');
      const expected = JSON.parse(readFileSync(path.join(FIXTURES, 'cases', name, 'expected.json'), 'utf8')) as Expected;
      const gate = await nodeOutboundGate(path.join(PROJECT, 'files'));
      const result = await reviewDiff(scriptedBackend(reply), { diff, readFile: readProjectFile, gate, ...expected.options });
      const kept = result.findings.map((f) => ({ path: f.path, line: f.line, severity: f.severity, category: f.category, message: f.message, fix: f.fix !== undefined }));
      assert.deepEqual(kept, expected.findings, result.notes.join('\n'));
      for (const pattern of expected.notes) assert.ok(result.notes.some((note) => new RegExp(pattern).test(note)), `no note matches /${pattern}/ in:\n${result.notes.join('\n')}`);
      const diffs = result.findings.map((f) => f.fix?.diff ?? '').join('\n');
      for (const line of expected.fixAdds ?? []) assert.ok(diffs.split('\n').includes(`+${line}`), `no fix adds ${JSON.stringify(line)} in:\n${diffs}`);
      assert.deepEqual(result.reviewed, ['src/money.ts', 'src/query.ts']);
      assert.deepEqual(result.summarised.map((s) => s.path), ['package-lock.json']);
      assert.deepEqual(result.skipped.map((s) => s.path), ['.env']);
    });
  }
});
