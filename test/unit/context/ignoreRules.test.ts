import assert from 'node:assert/strict';
import { createIgnoreMatcher, eitherIgnores } from '../../../src/core/context';

describe('ignore rules', () => {
  const matcher = createIgnoreMatcher(['secrets/', '*.generated.ts', 'vendor/**/*.js']);

  it('sensitive files are always ignored', () => {
    for (const path of ['.env', 'app/.env.production', 'certs/server.key', 'deploy/tls.pem', 'id_rsa', 'home/.ssh/config', '.npmrc', 'config/credentials.json', 'keys/service-account-prod.json']) {
      assert.equal(createIgnoreMatcher().isIgnored(path), true, path);
    }
  });

  it('templates of env files and public keys are allowed', () => {
    for (const path of ['.env.example', 'app/.env.sample', 'id_rsa.pub', 'src/env.ts', 'docs/keys.md']) {
      assert.equal(createIgnoreMatcher().isIgnored(path), false, path);
    }
  });

  it("applies the user's gitignore-syntax patterns", () => {
    assert.equal(matcher.isIgnored('secrets/prod.json'), true);
    assert.equal(matcher.isIgnored('src/api.generated.ts'), true);
    assert.equal(matcher.isIgnored('vendor/lib/a.js'), true);
    assert.equal(matcher.isIgnored('src/api.ts'), false);
  });

  it('accepts Windows separators and ./ prefixes; judges outside paths by name', () => {
    assert.equal(matcher.isIgnored('secrets\\prod.json'), true);
    assert.equal(matcher.isIgnored('./src/api.generated.ts'), true);
    assert.equal(matcher.isIgnored('/home/me/project/.env'), true);
    assert.equal(matcher.isIgnored('../other/.env.local'), true);
    assert.equal(matcher.isIgnored('C:/work/app/main.ts'), false);
    assert.equal(matcher.isIgnored(''), false);
  });

  it('combines matchers', () => {
    const combined = eitherIgnores(createIgnoreMatcher(), { isIgnored: (p) => p.startsWith('private/') }, undefined);
    assert.equal(combined.isIgnored('.env'), true);
    assert.equal(combined.isIgnored('private/notes.ts'), true);
    assert.equal(combined.isIgnored('src/a.ts'), false);
  });

  it('judges a folder given with its trailing slash by folder-only patterns', () => {
    const matcher = createIgnoreMatcher(['build/']);
    assert.equal(matcher.isIgnored('home/.ssh/'), true, 'the sensitive `.ssh/` folder itself');
    assert.equal(matcher.isIgnored('build/'), true);
    assert.equal(matcher.isIgnored('build'), false, 'a file named build is not the folder');
    assert.equal(matcher.isIgnored('src/'), false);
  });
});
