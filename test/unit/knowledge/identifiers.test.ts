import assert from 'node:assert/strict';
import { searchTerms, splitIdentifier } from '../../../src/core/knowledge';

describe('knowledge: identifier splitting', () => {
  it('splits camelCase, PascalCase, acronyms, snake_case and kebab-case into lower-case parts', () => {
    assert.deepEqual(splitIdentifier('UserRepository'), ['user', 'repository']);
    assert.deepEqual(splitIdentifier('parseHTTPHeader2'), ['parse', 'http', 'header2']);
    assert.deepEqual(splitIdentifier('retry_backoff_ms'), ['retry', 'backoff', 'ms']);
    assert.deepEqual(splitIdentifier('MAX_RETRIES'), ['max', 'retries']);
    assert.deepEqual(splitIdentifier('x'), ['x']);
  });

  it('gives search terms for whole identifiers and their parts, without stop words', () => {
    const terms = searchTerms('How does the retryBackoff of UserRepository work?');
    assert.ok(terms.includes('retrybackoff') && terms.includes('retry') && terms.includes('backoff'));
    assert.ok(terms.includes('userrepository') && terms.includes('user') && terms.includes('repository'));
    assert.ok(!terms.includes('the') && !terms.includes('does') && !terms.includes('of'));
  });
});
