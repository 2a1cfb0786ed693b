import assert from 'node:assert/strict';
import { parseTestOutput } from '../../../src/core/testing';
import { messageOf, parseRecorded, recorded, sorted, where } from './fixtures';

describe('parseTestOutput: Go, cargo and Maven Surefire on recorded output', () => {
  describe('go test (Go 1.19)', () => {
    const goModule = 'example.com/shop';

    for (const name of ['failing', 'failing-verbose']) {
      it(`${name}: a failed subtest and a panic, with package-relative files placed by the module path`, () => {
        const run = parseRecorded(recorded('go', name), { goModule });
        assert.deepEqual(where(run.failures), sorted([
          'test TestRefill/partial_seconds @ ratelimit/bucket_test.go:46',
          'test TestTakeFor @ ratelimit/bucket_test.go:59',
        ]));
        assert.equal(messageOf(run.failures, 'TestRefill/partial_seconds'), 'refilling at 4 tokens/s over 500ms\nTokens after 500ms = 0, want 2');
        assert.equal(messageOf(run.failures, 'TestTakeFor'), 'panic: assignment to entry in nil map');
      });
    }

    it('counts results only where -v prints them (subtest parents are not counted)', () => {
      assert.deepEqual(parseRecorded(recorded('go', 'failing-verbose'), { goModule }).totals, { passed: 4, failed: 2, skipped: 0 });
      assert.equal(parseRecorded(recorded('go', 'failing'), { goModule }).totals, undefined);
    });

    it('without the module path, file names stay as go printed them', () => {
      const run = parseRecorded(recorded('go', 'failing'));
      assert.equal(run.failures[0]?.file, 'bucket_test.go');
    });

    it('reports compile errors per position, alone and next to failing packages', () => {
      const build = ['build example.com/shop/broken @ broken/window_test.go:9:7', 'build example.com/shop/broken @ broken/window_test.go:12:8'];
      assert.deepEqual(where(parseRecorded(recorded('go', 'build-error'), { goModule }).failures), sorted(build));
      const all = parseRecorded(recorded('go', 'all-packages'), { goModule });
      assert.deepEqual(where(all.failures), sorted([...build, 'test TestRefill/partial_seconds @ ratelimit/bucket_test.go:46', 'test TestTakeFor @ ratelimit/bucket_test.go:59']));
      assert.match(all.failures[0]?.message ?? '', /^w\.Total undefined/);
    });

    it('names the test a timeout panic interrupted, from the goroutine stacks', () => {
      const run = parseRecorded(recorded('go', 'timeout'), { goModule });
      assert.deepEqual(run.failures, [{ kind: 'test', testName: 'TestWaitsForToken', message: 'panic: test timed out after 1s', file: 'ratelimit/bucket_test.go', line: 73 }]);
    });

    it('finds nothing in a passing run', () => {
      assert.deepEqual(parseRecorded(recorded('go', 'passing'), { goModule }).failures, []);
    });
  });

  describe('cargo test (Rust 1.95)', () => {
    const unit = [
      'test tests::lengths::average_of_empty_text_is_zero @ src/lib.rs:67:13',
      'test tests::ignores_leading_punctuation @ src/lib.rs:53:9',
      'test tests::lengths::longest_of_empty_text @ src/lib.rs:36:53',
      'test tests::longest_word_panics_on_blank_text @ src/lib.rs:89:8',
    ];

    it('reads panics, assertion values and a should_panic that did not panic', () => {
      const run = parseRecorded(recorded('cargo', 'failing'));
      assert.deepEqual(where(run.failures), sorted(unit));
      assert.deepEqual(run.totals, { passed: 3, failed: 4, skipped: 1 });
      assert.equal(messageOf(run.failures, 'tests::lengths::average_of_empty_text_is_zero'), 'assertion `left == right` failed\n  left: NaN\n right: 0.0');
      assert.equal(messageOf(run.failures, 'tests::longest_word_panics_on_blank_text'), 'test did not panic as expected');
      assert.ok(run.failures.every((f) => !f.message.includes('checking empty text')), 'captured stdout leaked into a message');
    });

    it('sums the totals of every test binary with --no-fail-fast', () => {
      const run = parseRecorded(recorded('cargo', 'failing-no-fail-fast'));
      assert.equal(run.failures.length, 5);
      assert.deepEqual(where(run.failures.filter((f) => f.file === 'tests/stats.rs')), sorted(['test top_words_limits_results @ tests/stats.rs:12:5']));
      assert.deepEqual(run.totals, { passed: 4, failed: 5, skipped: 1 });
    });

    it('with RUST_BACKTRACE=1, points at the test\'s own frame instead of the panic deep in the code', () => {
      const run = parseRecorded(recorded('cargo', 'failing-tty-backtrace'));
      assert.equal(run.failures.find((f) => f.testName === 'tests::lengths::longest_of_empty_text')?.line, 72);
      assert.equal(messageOf(run.failures, 'tests::lengths::longest_of_empty_text'), 'text has no words');
    });

    it('reports compiler errors with their snippet', () => {
      const run = parseRecorded(recorded('cargo', 'compile-error'));
      assert.deepEqual(where(run.failures), sorted(['build wordstats (test "broken") @ tests/broken.rs:10:27', 'build wordstats (test "broken") @ tests/broken.rs:8:30']));
      assert.match(run.failures[1]?.message ?? '', /^error\[E0308\]: mismatched types\n[\s\S]*expected `Vec<usize>`, found `HashMap<String, usize>`/);
      assert.equal(run.totals, undefined);
    });

    it('reads a filtered passing run', () => {
      assert.deepEqual(parseRecorded(recorded('cargo', 'passing')), { failures: [], totals: { passed: 1, failed: 0, skipped: 0 } });
    });
  });

  describe('Maven Surefire 2.22 (JUnit 4)', () => {
    it('reads failures and errors with the line in the test class, in Maven\'s source layout', () => {
      const run = parseRecorded(recorded('maven', 'failing'));
      assert.deepEqual(where(run.failures), sorted([
        'test CartTest.totalIsFast @ src/test/java/com/example/shop/CartTest.java:41',
        'test CartTest.discountOnSmallTotal @ src/test/java/com/example/shop/CartTest.java:28',
        'test CartTest.discountCodeIsCaseInsensitive @ src/test/java/com/example/shop/CartTest.java:35',
      ]));
      assert.equal(messageOf(run.failures, 'CartTest.discountOnSmallTotal'), 'java.lang.AssertionError: 10% off 99 cents expected:<89> but was:<99>');
      assert.deepEqual(run.totals, { passed: 4, failed: 3, skipped: 1 });
    });

    it('reports each compile error once although Maven prints it twice', () => {
      const run = parseRecorded(recorded('maven', 'compile-error'));
      assert.deepEqual(where(run.failures), sorted([
        'build src/test/java/com/example/shop/CartTest.java @ src/test/java/com/example/shop/CartTest.java:13:31',
        'build src/test/java/com/example/shop/CartTest.java @ src/test/java/com/example/shop/CartTest.java:19:38',
      ]));
      assert.equal(run.failures[0]?.message, 'cannot find symbol\nsymbol:   method subtotal()\nlocation: variable cart of type com.example.shop.Cart');
    });

    it('reads a passing run', () => {
      assert.deepEqual(parseRecorded(recorded('maven', 'passing')), { failures: [], totals: { passed: 2, failed: 0, skipped: 0 } });
    });

    // Not recorded here (only Surefire 2.22.3 is available offline): the header shapes of later
    // versions, as documented in apache/maven-surefire (PR #486: 3.0.0-M6 "pkg.Class.method  Time
    // elapsed"; 3.x separates with " -- "). Small inline samples, not fixtures.
    it('also reads the per-test header of Surefire 3 ("pkg.Class.method -- Time elapsed")', () => {
      const sample = [
        '[ERROR] org.sample.My1Test.fails  Time elapsed: 1.016 s  <<< FAILURE!',
        'java.lang.AssertionError: Always fails',
        '\tat org.sample.My1Test.fails(My1Test.java:34)',
        '',
        '[ERROR] org.sample.My2Test.fails -- Time elapsed: 0.01 s <<< ERROR!',
        'java.lang.IllegalStateException: boom',
        '\tat org.sample.My2Test.fails(My2Test.java:12)',
        '',
      ].join('\n');
      assert.deepEqual(where(parseTestOutput(sample, 'junit').failures), sorted(['test My1Test.fails @ src/test/java/org/sample/My1Test.java:34', 'test My2Test.fails @ src/test/java/org/sample/My2Test.java:12']));
    });
  });
});
