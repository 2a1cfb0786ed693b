// Redaction must not corrupt ordinary code: files that talk about passwords, tokens and keys but
// hold none come out unchanged, and where a secret is redacted the code keeps its structure.
import assert from 'node:assert/strict';
import { redactionMark, redactSecrets } from '../../../src/core/context';
import { assembleChatPrompt } from '../../../src/core/prompts/chat';
import { secretCorpus } from '../../support/secretCorpus';
import { ordinaryFiles } from '../../support/secretCorpus/ordinaryCode';
import { pemBody } from '../../support/secretCorpus/random';

describe('privacy: redaction keeps ordinary code as it is', () => {
  for (const file of ordinaryFiles) {
    it(`${file.path} comes out unchanged`, () => {
      const result = redactSecrets(file.text, { path: file.path });
      const changed = file.text.split('\n').flatMap((line, i) => (line === result.text.split('\n')[i] ? [] : [`${line}  =>  ${result.text.split('\n')[i]}`]));
      assert.deepEqual(changed, []);
      assert.equal(result.count, 0);
    });
  }

  it('a redacted file keeps every line, every quote and every name (only values are replaced)', () => {
    for (const file of secretCorpus().files) {
      const { text, count } = redactSecrets(file.text, { path: file.path });
      assert.ok(count > 0, file.path);
      assert.equal(text.split('\n').length, file.text.split('\n').length, `${file.path}: line count`);
      const quotes = (t: string) => (t.match(/["'`]/g) ?? []).length;
      assert.equal(quotes(text), quotes(file.text), `${file.path}: quotes`);
      if (file.path.endsWith('.json')) assert.doesNotThrow(() => JSON.parse(text), `${file.path} is still JSON`);
      for (const name of ['mapsKey', 'secretKey', 'databaseUrl', 'hmacKey', 'encryption_key', 'SECRET_KEY_BASE', 'password', 'AccountKey', 'private_key_id']) {
        if (file.text.includes(name)) assert.ok(text.includes(name), `${file.path}: the name ${name} stays`);
      }
      assert.ok(text.includes(redactionMark));
    }
  });
});

describe('privacy: a chat selection inside a key block', () => {
  it('is redacted with the whole document in view, and noted', () => {
    const body = pemBody(6);
    const doc = ['const a = 1;', 'const key = `-----BEGIN RSA PRIVATE KEY-----', ...body, '-----END RSA PRIVATE KEY-----`;'].join('\n');
    const selection = `${body[2]}\n${body[3]}`;
    const prompt = assembleChatPrompt({
      question: 'what is this?', history: [], rules: [], contextWindow: 32_000, model: 'm',
      context: [{ label: 'key.ts:5-6', path: 'src/key.ts', text: selection, wholeText: () => doc }],
    });
    const sent = prompt.messages.map((m) => m.content).join('\n');
    assert.ok(!sent.includes(body[2]!) && !sent.includes(body[3]!), sent);
    assert.ok(prompt.notes.some((n) => /1 secret in key\.ts:5-6 was redacted before sending/.test(n)), prompt.notes.join('\n'));
  });
});
