import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { nodeOutboundGate } from '../../../src/core/context';
import type { ChatRequest } from '../../../src/core/llm';
import { nodeWorkspaceFiles } from '../../../src/core/testing/nodeWorkspaceFiles';
import { reviewDiff } from '../../../src/core/review';
import { readProjectFile, scriptedBackend } from './golden.test';

const PROJECT = path.resolve(__dirname, '../../fixtures/review/project');
const diff = readFileSync(path.join(PROJECT, 'change.diff'), 'utf8');
const userText = (request: ChatRequest) => String(request.messages[1]!.content);
const systemText = (request: ChatRequest) => String(request.messages[0]!.content);

describe('review: what the model is sent', () => {
  it('numbered new-file lines with + and -, the whole enclosing function, rules files; lock files summarised; ignored files never', async () => {
    const requests: ChatRequest[] = [];
    const gate = await nodeOutboundGate(path.join(PROJECT, 'files'));
    await reviewDiff(scriptedBackend('<no-findings/>', requests), { diff, readFile: readProjectFile, gate, rules: [{ path: 'AGENTS.md', text: 'Money is integer cents.' }] });
    assert.equal(requests.length, 1);
    const user = userText(requests[0]!);
    assert.match(user, /File: src\/money\.ts \(modified, typescript\)/);
    assert.match(user, /^ {3}- {3}const value = Number\(text\);$/m);
    assert.match(user, /^ 4 \+ {3}const value = parseFloat\(text\);$/m);
    assert.match(user, /^15 \+ {3}for \(let i = 0; i <= amounts\.length; i\+\+\) total \+= amounts\[i\];$/m);
    assert.match(user, /^ 3 {3}export function parseMoney/m, 'the enclosing function starts the view');
    assert.match(user, /package-lock\.json: lock file, \+1 -0 lines \(summarised, not reviewed\)/);
    assert.match(user, /\.env: not shown \(ignored or sensitive/);
    assert.doesNotMatch(user, /not-a-real-key|API_KEY/);
    assert.match(systemText(requests[0]!), /Money is integer cents\./);
    assert.match(systemText(requests[0]!), /<finding>/);
  });

  it('shows the definitions from other files that the added lines use, gated and within the budget', async () => {
    const report = "import { average, parseMoney } from './money';\n\nexport const mean = (values: number[]) => average(values);\n";
    const reportDiff = `diff --git a/src/report.ts b/src/report.ts\nnew file mode 100644\n--- /dev/null\n+++ b/src/report.ts\n@@ -0,0 +1,3 @@\n${report.trimEnd().split('\n').map((l) => `+${l}`).join('\n')}\n`;
    const requests: ChatRequest[] = [];
    const gate = await nodeOutboundGate(path.join(PROJECT, 'files'));
    await reviewDiff(scriptedBackend('<no-findings/>', requests), {
      diff: reportDiff, gate, files: nodeWorkspaceFiles(path.join(PROJECT, 'files')), readFile: async () => ({ text: report, languageId: 'typescript' }),
    });
    const user = userText(requests[0]!);
    assert.match(user, /Definitions from other files that this change uses[\s\S]*src\/money\.ts:13 \(average\)\nexport function average\(amounts: Cents\[\]\): Cents \{/);
  });

  it('redacts secrets in the changed code before sending, keeping the lines', async () => {
    const secretDiff = 'diff --git a/src/config.ts b/src/config.ts\n--- a/src/config.ts\n+++ b/src/config.ts\n@@ -1 +1,2 @@\n const a = 1;\n+const token = "ghp_abcdefghijklmnopqrstuvwxyz0123456789";\n';
    const text = 'const a = 1;\nconst token = "ghp_abcdefghijklmnopqrstuvwxyz0123456789";\n';
    const requests: ChatRequest[] = [];
    const gate = await nodeOutboundGate(path.join(PROJECT, 'files'));
    const result = await reviewDiff(scriptedBackend('<finding>\nfile: src/config.ts\nline: 2\nseverity: error\ncategory: security\nmessage: A token is committed.\n</finding>', requests), {
      diff: secretDiff, readFile: async () => ({ text, languageId: 'typescript' }), gate,
    });
    assert.doesNotMatch(JSON.stringify(requests[0]!.messages), /ghp_abcdefghijklmnopqrstuvwxyz/);
    assert.match(userText(requests[0]!), /^2 \+ const token = "\[REDACTED\]";$/m);
    assert.ok(result.redactions >= 1);
    assert.deepEqual(result.findings.map((f) => [f.path, f.line]), [['src/config.ts', 2]]);
  });

  it('splits a large change by file and budget, reports progress per batch, and anchors findings of every batch', async () => {
    const files = Array.from({ length: 6 }, (_, i) => `src/f${i}.ts`);
    const body = Array.from({ length: 60 }, (_, k) => `export const value${k} = computeSomething(${k}, "a string long enough to cost tokens");`);
    const bigDiff = files.map((f) => `diff --git a/${f} b/${f}\nnew file mode 100644\n--- /dev/null\n+++ b/${f}\n@@ -0,0 +1,60 @@\n${body.map((l) => `+${l}`).join('\n')}\n`).join('');
    const requests: ChatRequest[] = [];
    const progress: string[] = [];
    const backend = {
      async *streamChat(request: ChatRequest) {
        requests.push(request);
        const named = /File: (\S+)/.exec(userText(request))![1];
        const reply = `<finding>\nfile: ${named}\nline: 7\nseverity: warning\ncategory: bug\nmessage: Problem in ${named}.\n</finding>`;
        yield { type: 'text' as const, text: reply };
      },
    };
    const gate = await nodeOutboundGate(path.join(PROJECT, 'files'));
    const result = await reviewDiff(backend, {
      diff: bigDiff, gate, budgetTokens: 2_000, readFile: async () => ({ text: `${body.join('\n')}\n`, languageId: 'typescript' }),
      onProgress: (p) => progress.push(`${p.done}/${p.total}`),
    });
    assert.ok(requests.length >= 3, `${requests.length} requests`);
    for (const request of requests) assert.ok(userText(request).length < 2_000 * 4 + 2_000, 'each request within the budget');
    assert.equal(progress[0], '0/6');
    assert.equal(progress.at(-1), '6/6');
    assert.equal(result.reviewed.length, 6);
    const firstOfEach = requests.map((r) => /File: (\S+)/.exec(userText(r))![1]);
    assert.deepEqual(result.findings.map((f) => f.path), firstOfEach);
  });

  it('a reply cut off at the output limit keeps its complete findings and says so', async () => {
    const backend = {
      async *streamChat() {
        yield { type: 'text' as const, text: '<finding>\nfile: src/query.ts\nline: 4\nseverity: error\ncategory: security\nmessage: SQL injection.\n</finding>\n<finding>\nfile: src/money.ts\nli' };
        yield { type: 'done' as const, result: { text: '', toolCalls: [], finishReason: 'length', metrics: {} as never } };
      },
    };
    const gate = await nodeOutboundGate(path.join(PROJECT, 'files'));
    const result = await reviewDiff(backend, { diff, readFile: readProjectFile, gate });
    assert.deepEqual(result.findings.map((f) => f.message), ['SQL injection.']);
    assert.equal(result.truncated, true);
    assert.ok(result.notes.some((n) => /cut off/.test(n)));
  });
});
