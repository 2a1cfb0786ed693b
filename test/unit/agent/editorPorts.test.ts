import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { offeredTools, type ApprovalRequest, type ToolEnvironment } from '../../../src/core/agent';
import type { EditProposal, EditProposalOutcome, Problem } from '../../../src/core/agent/tools/environment';
import { runTool } from '../../../src/core/agent/tools/toolbox';
import { makeWorkspace, removeAll, testEnvironment } from './harness';

// The optional ports a VS Code environment adds: unsaved editor text, the per-hunk review, diagnostics.
const ctx = (extra: Partial<Parameters<typeof runTool>[3]> = {}) => ({
  step: 1, signal: new AbortController().signal, progress: () => {}, output: () => {}, resultBudget: 8_000, ...extra,
});

describe('agent tools with editor ports', () => {
  let root: string;
  beforeEach(() => {
    root = makeWorkspace({
      'src/a.ts': 'one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\nten\n',
      'src/b.ts': 'export const b = 1;\n',
      '.gitignore': 'secret/\n',
      'secret/x.ts': 'hidden\n',
    });
  });
  afterEach(() => removeAll(root));

  const unsavedIn = (files: Record<string, string>) => (absolute: string) => files[path.relative(root, absolute).split(path.sep).join('/')];

  it('reads and searches the unsaved text of an open editor, not the disk', async () => {
    const env = await testEnvironment(root, { unsavedText: unsavedIn({ 'src/b.ts': 'export const b = 42; // typed, not saved\n' }) });
    const read = await runTool(env, 'read_file', { path: 'src/b.ts' }, ctx());
    assert.equal(read.content, 'src/b.ts (1 lines)\n1| export const b = 42; // typed, not saved');
    const found = await runTool(env, 'search', { query: 'typed, not saved' }, ctx());
    assert.equal(found.content, 'src/b.ts:1: export const b = 42; // typed, not saved');
  });

  it('never overwrites a file with unsaved changes: write, edit and delete are refused with what to do, the disk unchanged', async () => {
    const env = await testEnvironment(root, { unsavedText: unsavedIn({ 'src/b.ts': 'export const b = 42;\n' }) });
    const attempts = [
      await runTool(env, 'write_file', { path: 'src/b.ts', content: 'x\n' }, ctx()),
      await runTool(env, 'apply_edits', { response: 'src/b.ts\n<<<<<<< SEARCH\nexport const b = 42;\n=======\nexport const b = 43;\n>>>>>>> REPLACE\n' }, ctx()),
      await runTool(env, 'delete_file', { path: 'src/b.ts' }, ctx()),
    ];
    for (const attempt of attempts) {
      assert.equal(attempt.refused, true, attempt.content);
      assert.match(attempt.content, /^Refused: src\/b\.ts is open in the editor with unsaved changes, and Tandem never overwrites the user's unsaved work\. Nothing was written\. Tell the user to save \(or revert\) src\/b\.ts/);
    }
    assert.equal(readFileSync(path.join(root, 'src/b.ts'), 'utf8'), 'export const b = 1;\n');
    // Other files are edited as usual.
    assert.ok((await runTool(env, 'write_file', { path: 'src/c.ts', content: 'c\n' }, ctx())).ok);
  });

  describe('edits through the review (auto-apply off)', () => {
    const reviewing = (decide: (proposal: EditProposal) => EditProposalOutcome, asked: ApprovalRequest[] = []) => {
      const proposals: EditProposal[] = [];
      const env = testEnvironment(root, {
        autoEdit: false,
        approver: async (r) => (asked.push(r), true),
        proposeEdits: async (proposal) => (proposals.push(proposal), decide(proposal)),
      });
      return { env, proposals };
    };

    it('proposes the new text, and tells the model exactly which changes the user rejected', async () => {
      const edited = 'ONE\ntwo\nthree\nfour\nfive\nsix\nseven\nEIGHT\nnine\nten\n';
      const written = 'ONE\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\nten\n'; // the second hunk rejected
      const asked: ApprovalRequest[] = [];
      const { env, proposals } = reviewing(() => ({ files: [{ relative: 'src/a.ts', status: 'partial', acceptedHunks: 1, rejectedHunks: 1, written }] }), asked);
      const result = await runTool(await env, 'apply_edits', { response: 'src/a.ts\n<<<<<<< SEARCH\none\n=======\nONE\n>>>>>>> REPLACE\nsrc/a.ts\n<<<<<<< SEARCH\neight\n=======\nEIGHT\n>>>>>>> REPLACE\n' }, ctx({ step: 4 }));
      assert.equal(proposals.length, 1);
      assert.equal(proposals[0]?.step, 4);
      assert.deepEqual(proposals[0]?.files.map((f) => [f.file.relative, f.before, f.after]), [['src/a.ts', 'one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\nten\n', edited]]);
      assert.equal(asked.length, 0, 'the review is the approval; no yes/no question as well');
      assert.ok(result.ok);
      assert.deepEqual(result.filesChanged, ['src/a.ts']);
      assert.match(result.content, /^src\/a\.ts: the user accepted 1 change and rejected 1; the accepted ones are written\.\nWhat you proposed \(-\) against what the file now has \(\+\), i\.e\. the rejected changes:\n/);
      assert.match(result.content, /^-EIGHT$/m);
      assert.match(result.content, /^\+eight$/m);
      assert.doesNotMatch(result.content, /^-ONE$/m, 'the accepted change is not listed as rejected');
      assert.match(result.diff ?? '', /^\+ONE$/m);
      assert.equal(result.summary, 'review: src/a.ts: partial (1 of 2 changes rejected)');
    });

    it('a file rejected whole is a refusal the model hears; an accepted write_file counts as a change', async () => {
      const { env } = reviewing((p) => ({ files: p.files.map((f) => ({ relative: f.file.relative, status: 'rejected' as const, acceptedHunks: 0, rejectedHunks: 2 })) }));
      const rejected = await runTool(await env, 'write_file', { path: 'src/b.ts', content: 'nope\n' }, ctx());
      assert.equal(rejected.refused, true);
      assert.equal(rejected.content, 'Refused: src/b.ts: the user rejected all 2 changes; the file is unchanged.');
      const accepting = reviewing((p) => ({ files: p.files.map((f) => ({ relative: f.file.relative, status: 'accepted' as const, acceptedHunks: 1, rejectedHunks: 0, written: f.after })) }));
      const created = await runTool(await accepting.env, 'write_file', { path: 'src/new.ts', content: 'n\n' }, ctx());
      assert.equal(accepting.proposals[0]?.files[0]?.before, undefined);
      assert.ok(created.ok);
      assert.deepEqual(created.filesChanged, ['src/new.ts']);
      assert.equal(created.content, 'src/new.ts: the user accepted every change; written.');
    });

    it('a write the review could not make is a failure with its reason; a block that did not match is still reported', async () => {
      const { env } = reviewing((p) => ({ files: p.files.map((f) => ({ relative: f.file.relative, status: 'failed' as const, acceptedHunks: 1, rejectedHunks: 0, message: 'src/a.ts was deleted while the review was open' })) }));
      const result = await runTool(await env, 'apply_edits', { response: 'src/a.ts\n<<<<<<< SEARCH\none\n=======\nONE\n>>>>>>> REPLACE\nsrc/b.ts\n<<<<<<< SEARCH\nno such line\n=======\nx\n>>>>>>> REPLACE\n' }, ctx());
      assert.equal(result.ok, false);
      assert.match(result.content, /^src\/a\.ts: not written: src\/a\.ts was deleted while the review was open\.$/m);
      assert.match(result.content, /Some edits could not be applied/);
    });

    it('a delete is still asked yes or no (the review shows changed text); with auto-apply on, nothing is proposed', async () => {
      const asked: ApprovalRequest[] = [];
      const { env, proposals } = reviewing(() => ({ files: [] }), asked);
      const deleted = await runTool(await env, 'delete_file', { path: 'src/b.ts' }, ctx());
      assert.ok(deleted.ok, deleted.content);
      assert.equal(asked[0]?.kind, 'edit');
      assert.equal(existsSync(path.join(root, 'src/b.ts')), false);
      const auto = await testEnvironment(root, { autoEdit: true, proposeEdits: async (p) => (proposals.push(p), { files: [] }) });
      const written = await runTool(auto, 'write_file', { path: 'src/a.ts', content: 'new\n' }, ctx());
      assert.ok(written.ok);
      assert.equal(readFileSync(path.join(root, 'src/a.ts'), 'utf8'), 'new\n');
      assert.equal(proposals.length, 0);
    });
  });

  describe('get_problems', () => {
    const problem = (p: Partial<Problem> & { path: string }): Problem => ({ severity: 'error', line: 1, column: 1, message: 'bad', ...p });

    it('is offered only where the environment has diagnostics (never in the CLI)', async () => {
      assert.ok(!offeredTools(false).some((t) => t.name === 'get_problems'));
      assert.ok(offeredTools(false, { problems: true }).some((t) => t.name === 'get_problems'));
      assert.ok(offeredTools(true, { problems: true }).some((t) => t.name === 'get_problems'), 'it only reads: allowed in Restricted Mode');
      const cli = await testEnvironment(root);
      assert.match((await runTool(cli, 'get_problems', {}, ctx())).content, /not available here/);
    });

    it('lists errors first with file, line, severity and source, leaves out ignored files, and asks about the named files', async () => {
      const asked: Array<string[] | undefined> = [];
      const env: ToolEnvironment = await testEnvironment(root, {
        problems: async (files) => {
          asked.push(files?.map((f) => f.relative));
          return {
            scope: files ? files.map((f) => f.relative).join(', ') : 'the files the agent changed',
            problems: [
              problem({ path: 'src/b.ts', severity: 'warning', line: 3, column: 2, message: 'unused\nvariable', source: 'eslint', code: 'no-unused-vars' }),
              problem({ path: 'src/a.ts', line: 7, column: 5, message: "Cannot find name 'x'.", source: 'ts', code: '2304' }),
              problem({ path: 'secret/x.ts', message: 'from an ignored file' }),
            ],
          };
        },
      });
      const all = await runTool(env, 'get_problems', {}, ctx());
      assert.equal(all.content, [
        'Problems in the files the agent changed (1 error, 1 warning):',
        "src/a.ts:7:5: error: Cannot find name 'x'. [ts 2304]",
        'src/b.ts:3:2: warning: unused variable [eslint no-unused-vars]',
      ].join('\n'));
      assert.equal(all.summary, 'problems in the files the agent changed: 1 error, 1 warning');
      await runTool(env, 'get_problems', { paths: 'src/a.ts, src/b.ts' }, ctx());
      assert.deepEqual(asked, [undefined, ['src/a.ts', 'src/b.ts']]);
      assert.equal((await runTool(env, 'get_problems', { paths: '../outside.ts' }, ctx())).refused, true);
    });

    it('stays within the result budget and says how many were left out', async () => {
      const env = await testEnvironment(root, {
        problems: async () => ({ scope: 'src/a.ts', problems: Array.from({ length: 500 }, (_, i) => problem({ path: 'src/a.ts', line: i + 1, message: `problem number ${i + 1} ${'x'.repeat(60)}` })) }),
      });
      const result = await runTool(env, 'get_problems', {}, ctx({ resultBudget: 2_000 }));
      assert.ok(result.content.length <= 2_000, String(result.content.length));
      assert.match(result.content, /\n\[… \d+ more not shown; call get_problems with fewer paths\]$/);
      const none = await testEnvironment(root, { problems: async () => ({ scope: 'src/a.ts', problems: [] }) });
      assert.equal((await runTool(none, 'get_problems', {}, ctx())).content, 'No problems in src/a.ts.');
    });
  });
});
