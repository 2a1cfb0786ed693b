import assert from 'node:assert/strict';
import { completionBudget, importSpecifiers, lineCommentFor } from '../../../src/core/context';

describe('import specifiers', () => {
  it('TypeScript/JavaScript: relative and aliased imports, not packages', () => {
    const head = "import { a } from './a';\nimport type { B } from '../types/b';\nimport * as fs from 'node:fs';\nimport React from 'react';\nconst c = require('./c');\nimport './styles.css';\nimport x from '@/lib/x';";
    assert.deepEqual(importSpecifiers(head, 'typescript'), ['./a', '../types/b', '@/lib/x', './styles.css', './c']);
  });
  it('Python: from-imports (relative too) and plain imports', () => {
    assert.deepEqual(importSpecifiers('from .models import Order\nfrom app.db import session\nimport json, app.util\n', 'python'), ['.models', 'app.db', 'json', 'app.util']);
  });
  it('Go: module paths, not the standard library', () => {
    assert.deepEqual(importSpecifiers('import (\n\t"fmt"\n\t"github.com/acme/shop/internal/store"\n)\nimport "example.com/x/y"', 'go'), ['example.com/x/y', 'github.com/acme/shop/internal/store']);
  });
  it('Rust: crate paths and modules', () => {
    assert.deepEqual(importSpecifiers('use crate::store::Order;\nuse std::fmt;\nmod parser;\n', 'rust'), ['crate::store::Order', 'parser']);
  });
  it('other languages: none', () => assert.deepEqual(importSpecifiers('#include "a.h"', 'c'), []));
});

describe('line comments and the prompt budget', () => {
  it('knows the line comment of common languages', () => {
    assert.equal(lineCommentFor('typescript'), '//');
    assert.equal(lineCommentFor('python'), '#');
    assert.equal(lineCommentFor('sql'), '--');
    assert.equal(lineCommentFor('json'), undefined);
  });
  it('splits the budget prefix-heavy', () => {
    assert.deepEqual(completionBudget({ promptTokens: 1_000 }), { prefixChars: 2_200, suffixChars: 800, relatedChars: 1_000 });
  });
});
