import assert from 'node:assert/strict';
import { messageOf, parseRecorded, recorded, sorted, where } from './fixtures';

describe('parseTestOutput: JavaScript runners on recorded output', () => {
  describe('Jest 30', () => {
    const run = parseRecorded(recorded('jest', 'failing'));

    it('reads every failing test with its location in the test file, and the file that did not load', () => {
      assert.deepEqual(where(run.failures), sorted([
        'test Cart › total › with a discount › rounds to the nearest cent @ src/cart.test.js:22:30',
        'test Cart › total › with a discount › accepts lower-case codes @ src/cart.test.js:27:14',
        'test Cart › summary describes the cart @ src/cart.test.js:35:28',
        'test Cart › add rejects a missing item @ src/cart.test.js:39:29',
        'test Cart › checkout waits for the gateway @ src/cart.test.js:42:3',
        'build src/broken.test.js @ src/broken.test.js:5:27',
      ]));
    });

    it('keeps the assertion diff and drops code frames, stacks and console output', () => {
      const diff = messageOf(run.failures, 'Cart › summary describes the cart');
      assert.match(diff, /^expect\(received\)\.toEqual\(expected\) \/\/ deep equality/);
      assert.match(diff, /- {3}"currency": "USD",\n\+ {3}"currency": "EUR",/);
      assert.doesNotMatch(diff, /\| |at Object\./);
      assert.ok(run.failures.every((f) => !f.message.includes('discounted total')), 'console.log output leaked into a message');
      assert.match(messageOf(run.failures, 'Cart › checkout waits for the gateway'), /Exceeded timeout of 100 ms/);
      assert.match(messageOf(run.failures, 'src/broken.test.js'), /^SyntaxError: .*broken\.test\.js: Unexpected token \(5:26\)$/);
    });

    it('reads the totals (todo counts as skipped)', () => {
      assert.deepEqual(run.totals, { passed: 5, failed: 5, skipped: 2 });
      assert.deepEqual(parseRecorded(recorded('jest', 'passing')), { failures: [], totals: { passed: 3, failed: 0, skipped: 0 } });
    });
  });

  describe('Vitest 3', () => {
    const run = parseRecorded(recorded('vitest', 'failing'));

    it('reads failed tests and the suite that failed to transform', () => {
      assert.deepEqual(where(run.failures), sorted([
        'build src/broken.test.ts @ src/broken.test.ts:7:4',
        'test parseDuration › accepts spaces between parts @ src/duration.test.ts:15:12',
        'test formatDuration › below an hour › keeps seconds @ src/duration.test.ts:23:38',
        'test backoff › doubles each delay @ src/duration.test.ts:34:29',
        'test backoff › finishes quickly @ src/duration.test.ts:37:3',
      ]));
      assert.deepEqual(run.totals, { passed: 4, failed: 4, skipped: 1 });
    });

    it('strips the colours Vitest writes even into a pipe', () => {
      const message = messageOf(run.failures, 'formatDuration › below an hour › keeps seconds');
      assert.equal(message, 'AssertionError: expected \'1m\' to be \'1m30s\' // Object.is equality\n\nExpected: "1m30s"\nReceived: "1m"');
      assert.match(messageOf(run.failures, 'backoff › doubles each delay'), /\n- {5}800,\n/);
      assert.match(messageOf(run.failures, 'src/broken.test.ts'), /Expected "\)" but found "expect"/);
    });

    it('reads a passing run', () => {
      assert.deepEqual(parseRecorded(recorded('vitest', 'passing')), { failures: [], totals: { passed: 1, failed: 0, skipped: 0 } });
    });
  });

  describe('Mocha 12 (spec reporter)', () => {
    const run = parseRecorded(recorded('mocha', 'failing'));

    it('joins the title lines of nested suites and prefers the test file frame', () => {
      assert.deepEqual(where(run.failures), sorted([
        'test Inventory › lists a sorted report @ test/inventory.spec.js:34:12',
        'test Inventory › restocks from a slow supplier @ test/inventory.spec.js:-',
        'test Inventory › reads levels from the supplier @ test/inventory.spec.js:44:5',
        'test Inventory › reserve › refuses more than is available @ test/inventory.spec.js:20:14',
        'test Inventory › reserve › release › returns unknown SKUs untouched @ test/inventory.spec.js:27:16',
      ]));
      assert.deepEqual(run.totals, { passed: 4, failed: 5, skipped: 1 });
    });

    it('keeps a diff printed at column 0 and the timeout message', () => {
      assert.match(messageOf(run.failures, 'Inventory › reserve › release › returns unknown SKUs untouched'), /^AssertionError \[ERR_ASSERTION\]: Expected values to be strictly equal:\n\nNaN !== 0/);
      assert.match(messageOf(run.failures, 'Inventory › restocks from a slow supplier'), /^Error: Timeout of 100ms exceeded/);
      assert.ok(run.failures.every((f) => !f.message.includes('reserving 2 of 1 bolt')));
    });

    it('reports a file that does not load ("Exception during run") as a build failure', () => {
      const broken = parseRecorded(recorded('mocha', 'syntax-error'));
      assert.deepEqual(broken.failures, [{ kind: 'build', testName: 'broken/broken.spec.js', message: 'SyntaxError: missing ) after argument list', file: 'broken/broken.spec.js', line: 7 }]);
      assert.equal(broken.totals, undefined);
    });
  });

  describe('node:test (Node 20)', () => {
    const expected = [
      'build test/broken.test.js @ test/broken.test.js:6',
      'test JobQueue › priorities › runs the highest priority first @ test/queue.test.js:15:14',
      'test JobQueue › reports stats @ test/queue.test.js:32:12',
      'test JobQueue › drains with a worker @ test/queue.test.js:38:52',
      'test JobQueue › drains quickly @ test/queue.test.js:41:3',
    ];

    for (const name of ['failing-tap', 'failing-spec']) {
      it(`${name}: the same failures from either reporter, suites that only repeat children left out`, () => {
        const run = parseRecorded(recorded('node-test', name));
        assert.deepEqual(where(run.failures), sorted(expected));
        // A timeout is "cancelled" in node's counters; todo and skip are both not run.
        assert.deepEqual(run.totals, { passed: 4, failed: 5, skipped: 2 });
        assert.equal(messageOf(run.failures, 'test/broken.test.js'), "SyntaxError: Unexpected token ';'");
        assert.equal(messageOf(run.failures, 'JobQueue › drains quickly'), 'test timed out after 100ms');
        assert.match(messageOf(run.failures, 'JobQueue › drains with a worker'), /^TypeError.*: name\.toUpperCase\(\.\.\.\)\.then is not a function$/);
        assert.match(messageOf(run.failures, 'JobQueue › reports stats'), /\+ {5}'b'\n- {5}'a'/);
      });
    }

    it('reads a passing TAP run', () => {
      assert.deepEqual(parseRecorded(recorded('node-test', 'passing-tap')), { failures: [], totals: { passed: 2, failed: 0, skipped: 0 } });
    });
  });
});
