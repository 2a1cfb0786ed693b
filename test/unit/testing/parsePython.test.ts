import assert from 'node:assert/strict';
import { messageOf, parseRecorded, recorded, sorted, where } from './fixtures';

describe('parseTestOutput: Python runners on recorded output', () => {
  describe('pytest 7', () => {
    const expected = [
      'test test_parse_amount[1,000.00-100000] @ tests/test_amounts.py:11',
      'test TestInvoice.TestVat.test_vat_rounds_half_up @ tests/test_invoice.py:19',
      'test TestInvoice.TestVat.test_totals @ tests/test_invoice.py:23',
      'test TestInvoice.test_line_lookup @ tests/test_invoice.py:27',
    ];

    for (const name of ['failing', 'failing-short']) {
      it(`${name}: each failure at the test's own line, the "E" lines as message`, () => {
        const run = parseRecorded(recorded('pytest', name));
        assert.deepEqual(where(run.failures), sorted(expected));
        assert.deepEqual(run.totals, { passed: 7, failed: 4, skipped: 1 });
        assert.equal(messageOf(run.failures, 'test_parse_amount[1,000.00-100000]'), "ValueError: invalid literal for int() with base 10: '1,000'");
        assert.equal(messageOf(run.failures, 'TestInvoice.TestVat.test_totals'), [
          "AssertionError: assert {'gross': 110...0, 'vat': 100} == {'gross': 111...0, 'vat': 100}",
          '  Omitting 2 identical items, use -vv to show',
          '  Differing items:',
          "  {'gross': 1100} != {'gross': 1110}",
          '  Use -v to get more diff',
        ].join('\n'));
        // Captured stdout is reported by pytest under the failure, but it is not the error.
        assert.ok(!messageOf(run.failures, 'TestInvoice.TestVat.test_vat_rounds_half_up').includes('net is 1299'));
      });
    }

    it('reports a collection error as a build failure at the syntax error', () => {
      const run = parseRecorded(recorded('pytest', 'collection-error'));
      assert.deepEqual(where(run.failures), sorted(['build tests_broken/test_broken.py @ tests_broken/test_broken.py:5']));
      assert.match(messageOf(run.failures, 'tests_broken/test_broken.py'), /SyntaxError: '\(' was never closed$/);
      assert.deepEqual(run.totals, { passed: 0, failed: 1, skipped: 0 });
    });

    it('reads a passing run', () => {
      assert.deepEqual(parseRecorded(recorded('pytest', 'passing')), { failures: [], totals: { passed: 1, failed: 0, skipped: 0 } });
    });
  });

  describe('unittest (Python 3.11)', () => {
    for (const name of ['failing', 'failing-verbose']) {
      it(`${name}: failures, errors, subtests and a module that does not import`, () => {
        const run = parseRecorded(recorded('unittest', name));
        assert.deepEqual(where(run.failures), sorted([
          'build tests.test_broken @ tests/test_broken.py:8',
          'test InvoiceTest.test_line_lookup @ tests/test_invoice.py:22',
          "test ParseAmountTest.test_cases (text='1,000.00') @ tests/test_invoice.py:33",
          'test InvoiceTest.test_totals @ tests/test_invoice.py:18',
          'test InvoiceTest.test_vat_rounds_half_up @ tests/test_invoice.py:14',
        ]));
        assert.deepEqual(run.totals, { passed: 2, failed: 5, skipped: 1 });
        assert.equal(messageOf(run.failures, 'tests.test_broken'), "SyntaxError: '(' was never closed");
        assert.equal(messageOf(run.failures, 'InvoiceTest.test_vat_rounds_half_up'), 'AssertionError: 259 != 260');
        assert.match(messageOf(run.failures, 'InvoiceTest.test_totals'), /^AssertionError: .*\n- \{'gross': 1100, .*\n\?/);
      });
    }

    it('reads a passing run', () => {
      assert.deepEqual(parseRecorded(recorded('unittest', 'passing')), { failures: [], totals: { passed: 1, failed: 0, skipped: 0 } });
    });
  });
});
