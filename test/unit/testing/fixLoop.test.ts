import assert from 'node:assert/strict';
import type { ChatMessage } from '../../../src/core/llm';
import {
  interpretFixReply, requestFix, runFixLoop, type AskModel, type FixLoopProgress, type FixLoopSteps, type FixStepOutcome, type TestFailure, type TestRunReport,
} from '../../../src/core/testing';
import { FakeLlmServer } from '../../support/fakeLlm';
import { testClient } from '../../support/llmTestKit';

function report(failures: TestFailure[], exitCode: number | undefined = failures.length ? 1 : 0): TestRunReport {
  return {
    command: 'node --test src/bill.test.js', cwd: '', testFile: 'src/bill.test.js', framework: 'node-test',
    exitCode, passed: exitCode === 0, totals: { passed: 2, failed: failures.length, skipped: 0 }, failures, output: '',
  };
}
const failure = (message: string, line = 5): TestFailure => ({ kind: 'test', testName: 'splitBill › rounds', message, file: 'src/bill.test.js', line });

/** Steps that play back scripted runs and fix outcomes, recording what the loop asked for. */
function scripted(runs: TestRunReport[], fixes: FixStepOutcome[] = []) {
  const calls: string[] = [];
  const steps: FixLoopSteps = {
    async run() {
      calls.push('run');
      const next = runs.shift();
      if (!next) throw new Error('more runs than scripted');
      return next;
    },
    async fix(_report, round) {
      calls.push(`fix ${round.round}/${round.of}`);
      return fixes.shift() ?? { kind: 'applied', target: 'test' };
    },
  };
  return { steps, calls };
}

describe('the fix loop: bounds and stop conditions', () => {
  it('stops as soon as the tests pass, with progress for every step', async () => {
    const progress: FixLoopProgress[] = [];
    const { steps, calls } = scripted([report([failure('3.33 !== 3.34')]), report([])]);
    const result = await runFixLoop(steps, { maxRounds: 3, onProgress: (p) => progress.push(p) });
    assert.deepEqual(calls, ['run', 'fix 1/3', 'run']);
    assert.equal(result.stop, 'passed');
    assert.equal(result.rounds, 1);
    assert.equal(result.message, 'The tests pass after 1 fix round.');
    assert.deepEqual(progress.map((p) => p.message), ['Running tests…', 'Round 1 of 3: asking for a fix…', 'Round 1 of 3: running tests…']);
  });

  it('never takes more than maxRounds rounds', async () => {
    const { steps, calls } = scripted([report([failure('a')]), report([failure('b')]), report([failure('c')]), report([failure('d')])]);
    const result = await runFixLoop(steps, { maxRounds: 3 });
    assert.deepEqual(calls, ['run', 'fix 1/3', 'run', 'fix 2/3', 'run', 'fix 3/3', 'run']);
    assert.equal(result.stop, 'max-rounds');
    assert.equal(result.rounds, 3);
    assert.equal(result.report?.failures[0]?.message, 'd');
    assert.equal(result.message, 'The tests still fail after 3 fix rounds (the limit, tandem.tests.maxFixRounds).');
  });

  it('stops when a fix leaves the same failures (line numbers and durations aside)', async () => {
    const { steps, calls } = scripted([report([failure('expected 3 got 4 (12ms)', 5)]), report([failure('expected 3 got 4 (15ms)', 9)])]);
    const result = await runFixLoop(steps, { maxRounds: 3 });
    assert.deepEqual(calls, ['run', 'fix 1/3', 'run']);
    assert.equal(result.stop, 'same-failures');
    assert.equal(result.message, 'Stopped after round 1: the fix did not change the failures.');
  });

  it('stops on a reply with no applicable edit, and on a rejected fix', async () => {
    const noEdit = scripted([report([failure('x')])], [{ kind: 'no-edit', reason: 'Its edits did not apply: src/bill.test.js: not found.' }]);
    const stopped = await runFixLoop(noEdit.steps, { maxRounds: 3 });
    assert.equal(stopped.stop, 'no-edit');
    assert.equal(stopped.message, "Stopped in round 1: the model's reply had no fix that could be applied. Its edits did not apply: src/bill.test.js: not found.");
    assert.deepEqual(noEdit.calls, ['run', 'fix 1/3']);

    const rejected = scripted([report([failure('x')])], [{ kind: 'rejected' }]);
    assert.equal((await runFixLoop(rejected.steps, { maxRounds: 3 })).stop, 'rejected');
    assert.deepEqual(rejected.calls, ['run', 'fix 1/3']);
  });

  it('starts from a run that already happened, and does nothing for passing tests', async () => {
    const { steps, calls } = scripted([report([])]);
    const result = await runFixLoop(steps, { maxRounds: 3, initial: report([failure('x')]) });
    assert.deepEqual(calls, ['fix 1/3', 'run']);
    assert.equal(result.stop, 'passed');

    const passing = scripted([report([])]);
    assert.equal((await runFixLoop(passing.steps, { maxRounds: 3 })).message, 'The tests pass.');
    assert.deepEqual(passing.calls, ['run']);
  });

  it('with maxRounds 0 only runs the tests', async () => {
    const { steps, calls } = scripted([report([failure('x')])]);
    const result = await runFixLoop(steps, { maxRounds: 0 });
    assert.deepEqual(calls, ['run']);
    assert.equal(result.stop, 'max-rounds');
    assert.match(result.message, /fixing is off \(tandem\.tests\.maxFixRounds is 0\)/);
  });

  it('stops when cancelled: before it starts, during a fix, and when a run is stopped', async () => {
    const aborted = new AbortController();
    aborted.abort();
    const early = scripted([report([failure('x')])]);
    assert.equal((await runFixLoop(early.steps, { maxRounds: 3, signal: aborted.signal })).stop, 'cancelled');
    assert.deepEqual(early.calls, []);

    const during = new AbortController();
    const calls: string[] = [];
    const steps: FixLoopSteps = {
      run: async () => { calls.push('run'); return report([failure('x')]); },
      fix: async () => { calls.push('fix'); during.abort(); throw new Error('the request was aborted'); },
    };
    const cancelled = await runFixLoop(steps, { maxRounds: 3, signal: during.signal });
    assert.equal(cancelled.stop, 'cancelled');
    assert.equal(cancelled.message, 'Cancelled after 1 fix round.');
    assert.deepEqual(calls, ['run', 'fix']);

    const stoppedRun = scripted([{ ...report([failure('x')]), exitCode: undefined }]);
    assert.equal((await runFixLoop(stoppedRun.steps, { maxRounds: 3 })).stop, 'cancelled');
  });

  it('passes other errors on (the model server failing is not a verdict)', async () => {
    const steps: FixLoopSteps = { run: async () => report([failure('x')]), fix: async () => { throw new Error('connection refused'); } };
    await assert.rejects(runFixLoop(steps, { maxRounds: 3 }), /connection refused/);
  });
});

const testFile = { path: 'src/bill.test.js', text: "import { test } from 'node:test';\ntest('rounds', () => {\n  assert.equal(splitBill(10, 3), 3.34);\n});\n" };
const code = [{ path: 'src/bill.js', text: 'export function splitBill(total, people) {\n  return Math.floor(total / people * 100) / 100;\n}\n' }];

describe('a fix reply', () => {
  it('is labelled by the files it changes, whatever it declares', () => {
    const reply = 'Fix: test\nThe expectation is wrong.\n\nsrc/bill.js\n```\n<<<<<<< SEARCH\n  return Math.floor(total / people * 100) / 100;\n=======\n  return Math.round(total / people * 100) / 100;\n>>>>>>> REPLACE\n```\n';
    const outcome = interpretFixReply(reply, { testFile, code });
    assert.equal(outcome.kind, 'edits');
    if (outcome.kind !== 'edits') return;
    assert.equal(outcome.target, 'code');
    assert.equal(outcome.declared, 'test');
    assert.deepEqual(outcome.files.map((f) => `${f.role} ${f.path}`), ['code src/bill.js']);
    assert.match(outcome.files[0]?.proposedText ?? '', /Math\.round/);
  });

  it('is no fix when any of its edits fails, or when it edits only other files', () => {
    const bad = interpretFixReply('Fix: test\nsrc/bill.test.js\n```\n<<<<<<< SEARCH\nnot there\n=======\nx\n>>>>>>> REPLACE\n```\n', { testFile, code });
    assert.equal(bad.kind, 'none');
    assert.match(bad.kind === 'none' ? bad.reason : '', /^Its edits did not apply: src\/bill\.test\.js: /);
    const elsewhere = interpretFixReply('Fix: code\npackage.json\n```\n<<<<<<< SEARCH\n{\n=======\n{"x":1,\n>>>>>>> REPLACE\n```\n', { testFile, code });
    assert.deepEqual(elsewhere, { kind: 'none', reason: 'Its edits change nothing in the test file or the code under test.' });
    assert.deepEqual(interpretFixReply('Fix: test\nNo idea.', { testFile, code }), { kind: 'none', reason: 'It contains no edits.' });
  });
});

describe('the fix loop against the fake model server', () => {
  let server: FakeLlmServer;
  before(async () => { server = await FakeLlmServer.start(); });
  after(() => server.close());
  afterEach(() => server.reset());

  /** A project in memory: the test "passes" once the code rounds; runs report that. */
  function project() {
    const files = new Map([[testFile.path, testFile.text], [code[0]!.path, code[0]!.text]]);
    const { client } = testClient(server.baseUrl);
    const ask: AskModel = async (messages: ChatMessage[], signal) => (await client.chat({ messages, ...(signal ? { signal } : {}) })).text;
    let runs = 0;
    const steps: FixLoopSteps = {
      async run() {
        runs++;
        return files.get('src/bill.js')?.includes('Math.round') ? report([]) : report([failure(`expected 3.34, got 3.33 (run ${runs})`)]);
      },
      async fix(current, round, signal) {
        const proposal = await requestFix({ report: current, testFile: { path: testFile.path, text: files.get(testFile.path)! }, code: [{ path: 'src/bill.js', text: files.get('src/bill.js')! }], round, contextWindow: 16_384, signal }, ask);
        if (proposal.kind === 'none') return { kind: 'no-edit', reason: proposal.reason };
        for (const file of proposal.files) files.set(file.path, file.proposedText);
        return { kind: 'applied', target: proposal.target };
      },
    };
    return { files, steps, runs: () => runs };
  }
  const chatRequests = () => server.requests.filter((r) => r.path.endsWith('/chat/completions'));

  it('fixes the code in one round and passes', async () => {
    server.addRule({ match: { lastUser: /Round 1 of 3: these tests fail/ }, reply: { text: 'Fix: code\nIt truncates instead of rounding.\n\nsrc/bill.js\n```\n<<<<<<< SEARCH\n  return Math.floor(total / people * 100) / 100;\n=======\n  return Math.round(total / people * 100) / 100;\n>>>>>>> REPLACE\n```\n' } });
    const { steps, files } = project();
    const result = await runFixLoop(steps, { maxRounds: 3 });
    assert.equal(result.stop, 'passed');
    assert.equal(result.rounds, 1);
    assert.match(files.get('src/bill.js') ?? '', /Math\.round/);
    const prompt = (chatRequests()[0]?.body as { messages: { content: string }[] }).messages[1]?.content ?? '';
    assert.match(prompt, /1\. splitBill › rounds failed \(src\/bill\.test\.js:5\)\n {3}expected 3\.34, got 3\.33 \(run 1\)/);
  });

  it('asks at most maxRounds times when every fix changes the failures but none works', async () => {
    // Each round edits the test's expectation a little; the code never changes, so the tests keep failing.
    const attempts = ['});', '}); // attempt 1', '}); // attempt 1 // attempt 2'];
    for (const n of [1, 2]) {
      server.addRule({ match: { lastUser: new RegExp(`Round ${n} of 2`) }, reply: { text: `Fix: test\nsrc/bill.test.js\n\`\`\`\n<<<<<<< SEARCH\n${attempts[n - 1]}\n=======\n${attempts[n]}\n>>>>>>> REPLACE\n\`\`\`\n` } });
    }
    const { steps, runs, files } = project();
    const result = await runFixLoop(steps, { maxRounds: 2 });
    assert.equal(result.stop, 'max-rounds', result.message);
    assert.equal(chatRequests().length, 2);
    assert.equal(runs(), 3);
    assert.match(files.get(testFile.path) ?? '', /\}\); \/\/ attempt 1 \/\/ attempt 2\n$/);
  });

  it('stops at a reply with no applicable edit without running the tests again', async () => {
    server.addRule({ reply: { text: 'Fix: code\nI would need to see more of the project.' } });
    const { steps, runs } = project();
    const result = await runFixLoop(steps, { maxRounds: 3 });
    assert.equal(result.stop, 'no-edit');
    assert.equal(runs(), 1);
    assert.equal(chatRequests().length, 1);
  });

  it('a cancelled fix aborts the model request', async () => {
    server.setOptions({ ttftMs: 5_000 });
    server.addRule({ reply: { text: 'Fix: code' } });
    const { steps } = project();
    const abort = new AbortController();
    const loop = runFixLoop(steps, { maxRounds: 3, signal: abort.signal });
    await server.waitForRequests(1);
    abort.abort();
    const result = await loop;
    assert.equal(result.stop, 'cancelled');
    const request = chatRequests()[0];
    await request?.closed;
    assert.equal(request?.aborted, true);
  });
});
