import assert from 'node:assert/strict';
import { createIgnoreMatcher, redactJoined, redactRange, redactSecrets, redactionMark as R, redactionNote } from '../../../src/core/context';
import { buildEditPrompt } from '../../../src/core/prompts/edit';
import { buildCommitMessagePrompt } from '../../../src/core/prompts/commitMessage';
import { password, pemBody, random } from '../../support/secretCorpus/random';

const redacted = (text: string, path?: string, languageId?: string) => redactSecrets(text, { ...(path ? { path } : {}), ...(languageId ? { languageId } : {}) }).text;
const pem = (body: readonly string[], label = 'RSA PRIVATE KEY') => [`-----BEGIN ${label}-----`, ...body, `-----END ${label}-----`].join('\n');

describe('secret detection: what the previous redactor let through (issue #10)', () => {
  it('a Google API key that ends in "-"', () => {
    const key = `AIza${random('base64url', 34)}-`;
    assert.equal(redacted(`const maps = "${key}";`, 'src/maps.ts'), `const maps = "${R}";`);
  });
  it('redis://:password@host (no user name)', () => {
    const pw = password(18);
    assert.equal(redacted(`REDIS_URL = "redis://:${pw}@cache:6379/0"`, 'app.py'), `REDIS_URL = "redis://:${R}@cache:6379/0"`);
  });
  it('an Azure storage AccountKey in a connection string, the rest of the string kept', () => {
    const key = Buffer.from(random('base62', 64)).toString('base64').slice(0, 86) + '==';
    const text = `"DefaultEndpointsProtocol=https;AccountName=shop;AccountKey=${key};EndpointSuffix=core.windows.net"`;
    assert.equal(redacted(text, 'appsettings.json'), `"DefaultEndpointsProtocol=https;AccountName=shop;AccountKey=${R};EndpointSuffix=core.windows.net"`);
  });
  it('a JSON "hmacKey", a YAML encryption_key, a compose list item SECRET_KEY_BASE', () => {
    const hmac = random('hex', 32);
    assert.equal(redacted(`{\n  "hmacKey": "${hmac}"\n}`, 'config.json'), `{\n  "hmacKey": "${R}"\n}`);
    const key = Buffer.from(random('base62', 32)).toString('base64');
    assert.equal(redacted(`app:\n  encryption_key: ${key}\n`, 'settings.yml'), `app:\n  encryption_key: ${R}\n`);
    const base = random('hex', 128);
    assert.equal(redacted(`    environment:\n      - SECRET_KEY_BASE=${base}\n      - RAILS_ENV=production\n`, 'docker-compose.yml'), `    environment:\n      - SECRET_KEY_BASE=${R}\n      - RAILS_ENV=production\n`);
  });
  it('private_key_id and the escaped private key of a GCP service-account file under its download name', () => {
    const id = random('hex', 40);
    const body = pemBody(4);
    const json = JSON.stringify({ type: 'service_account', private_key_id: id, private_key: `${pem(body, 'PRIVATE KEY')}\n` }, null, 2);
    const out = redacted(json, 'my-project-1a2b3c4d5e6f.json');
    assert.ok(!out.includes(id) && body.every((line) => !out.includes(line)), out);
    assert.equal(JSON.parse(out).private_key, `-----BEGIN PRIVATE KEY-----\n${R}\n-----END PRIVATE KEY-----\n`);
    assert.ok(createIgnoreMatcher().isIgnored('keys/my-project-1a2b3c4d5e6f.json'), 'and the file itself is a sensitive file');
  });
  it('curl -u "user:password" and a Slack webhook in a shell script', () => {
    const pw = password(14);
    const hook = `T${random('upperDigits', 10)}/B${random('upperDigits', 10)}/${random('base62', 24)}`;
    const script = `curl -u "deploy:${pw}" https://ci.example.com\ncurl -X POST https://hooks.slack.com/services/${hook}\n`;
    assert.equal(redacted(script, 'deploy.sh'), `curl -u "deploy:${R}" https://ci.example.com\ncurl -X POST https://hooks.slack.com/services/${R}\n`);
  });
  it('Dockerfile ENV, Terraform, INI, properties, TOML, XML and Kubernetes Secret data', () => {
    const v = () => password(16);
    const cases: Array<[string, (s: string) => string, (s: string) => string]> = [
      ['Dockerfile', (s) => `ENV DB_PASSWORD ${s}`, () => `ENV DB_PASSWORD ${R}`],
      ['main.tf', (s) => `  password = "${s}"`, () => `  password = "${R}"`],
      ['db.ini', (s) => `password = ${s}`, () => `password = ${R}`],
      ['application.properties', (s) => `spring.datasource.password=${s}`, () => `spring.datasource.password=${R}`],
      ['pyproject.toml', (s) => `api_key = "${s}"`, () => `api_key = "${R}"`],
      ['users.xml', (s) => `<password>${s}</password>`, () => `<password>${R}</password>`],
      ['secret.yaml', (s) => `kind: Secret\ndata:\n  DATABASE_URL: ${Buffer.from(s).toString('base64')}`, () => `kind: Secret\ndata:\n  DATABASE_URL: ${R}`],
    ];
    for (const [file, make, expected] of cases) {
      const value = v();
      assert.equal(redacted(make(value), file), expected(value), file);
    }
  });
});

describe('secret detection: more syntaxes', () => {
  const pw = () => password(14);
  const cases: Array<[string, (v: string) => string]> = [
    ['run.sh', (v) => `PGPASSWORD=${v} psql -h db -U app`], // the command after the value stays
    ['.env.sh', (v) => `DB_PASS=${v.slice(0, 6)}`], // a short password is still a password
    ['config.php', (v) => `define('DB_PASSWORD', '${v}');`],
    ['main.go', (v) => `os.Setenv("API_TOKEN", "${v}")`],
    ['client.js', (v) => `fetch(url, { headers: { 'X-API-Key': '${v}' } })`],
    ['app.properties', (v) => `spring.datasource.url=jdbc:postgresql://db/shop?user=app&password=${v}`],
    ['otp.ts', (v) => `const uri = "otpauth://totp/Shop:me?secret=${v}&issuer=Shop";`],
    ['ldap.yml', (v) => `ldap:\n  bind_pw: ${v}\n`],
    ['db.py', (v) => `conn = psycopg2.connect(host="db", password="${v}")`],
    ['Opts.cs', (v) => `var opts = new Options { Password = "${v}", User = "app" };`],
    ['Makefile', (v) => `DEPLOY_TOKEN ?= ${v}`],
  ];
  for (const [file, make] of cases) {
    it(file, () => {
      const value = file === '.env.sh' ? pw().slice(0, 6) : pw();
      const text = make(value);
      const out = redacted(text, file);
      assert.ok(!out.includes(value), out);
      assert.equal(out, text.replace(value, R));
    });
  }
});

describe('secret detection: whole text first, then the cut', () => {
  const body = pemBody(8);
  const doc = ['const a = 1;', 'export const key = `' + pem(body).split('\n')[0], ...body, '-----END RSA PRIVATE KEY-----`;', 'const b = 2;'].join('\n');

  it('redaction keeps every line (a key block becomes one mark per line, indentation kept)', () => {
    const out = redacted(`  ssh_key: |\n${pem(body, 'OPENSSH PRIVATE KEY').split('\n').map((l) => `    ${l}`).join('\n')}\n`, 'settings.yml');
    assert.equal(out.split('\n').length, body.length + 4);
    assert.ok(out.split('\n').slice(2, -2).every((line) => line === `    ${R}`), out);
  });
  it('redactRange: a part inside a key block (its BEGIN line outside the part) is redacted', () => {
    const start = doc.indexOf(body[3]!);
    const part = redactRange(doc, start, start + body[3]!.length + 1 + body[4]!.length);
    assert.equal(part.text, `${R}\n${R}`);
    assert.equal(part.count, 1);
  });
  it('redactJoined: a prefix and a suffix split inside a key block, both sides redacted', () => {
    const cut = doc.indexOf(body[5]!) + 7;
    const [prefix, suffix] = redactJoined([doc.slice(0, cut), doc.slice(cut)]);
    for (const line of body) assert.ok(!prefix!.text.includes(line) && !suffix!.text.includes(line));
    assert.ok(prefix!.text.endsWith(R) && suffix!.text.startsWith(R));
  });
  it('an edit prompt whose range falls inside a key block sends none of its lines (before, in or after the range)', () => {
    const first = doc.split('\n').indexOf(body[2]!);
    const prompt = buildEditPrompt({ path: 'src/key.ts', languageId: 'typescript', documentText: doc, range: { start: first, end: first + 2 }, instruction: 'x', contextWindow: 8000, model: 'm' });
    const sent = prompt.messages.map((m) => m.content).join('\n');
    for (const line of body) assert.ok(!sent.includes(line), `line ${line} sent`);
    assert.equal(prompt.redactions, 1);
    assert.deepEqual(prompt.target.subjectSecrets, [body[2], body[3]]);
  });
  it('a commit diff cut to a small budget inside a key block sends none of its lines', () => {
    const diff = `diff --git a/src/key.ts b/src/key.ts\n--- /dev/null\n+++ b/src/key.ts\n@@ -0,0 +1,12 @@\n${doc.split('\n').map((l) => `+${l}`).join('\n')}`;
    const prompt = buildCommitMessagePrompt({ diff, diffBudgetTokens: 60 });
    const sent = prompt.messages.map((m) => m.content).join('\n');
    for (const line of body) assert.ok(!sent.includes(line));
    assert.equal(prompt.redactions, 1);
  });
  it('says what was redacted, never the value', () => {
    const token = `ghp_${random('base62', 36)}`;
    const result = redactSecrets(`const t = "${token}";\nconst p = "${password(12)}"; // password: yes`, { path: 'a.ts' });
    assert.equal(result.count, 1);
    assert.equal(result.secrets[0]!.line, 0);
    assert.ok(!JSON.stringify(result.secrets).includes(token));
    assert.equal(redactionNote(2, 'config.yml'), '2 secrets redacted in config.yml');
    assert.equal(redactionNote(1, 'config.yml'), '1 secret redacted in config.yml');
  });
});

describe('secret detection: values that look like code', () => {
  it('a base64 value ending in "=" after a colon is a value, not a type annotation', () => {
    assert.equal(redacted('app:\n  encryption_key: SmRTSzZQajRGc2lGdjlWZTRDT3RUZEtaRjZTTGN0SmM=\n', 'settings.yml'), `app:\n  encryption_key: ${R}\n`);
    assert.equal(redacted('const authToken: string = "Ab3dEf6hIj9kLm2n";', 'a.ts'), `const authToken: string = "${R}";`);
  });
  it('`{ pass: \'passed\' }` is not a password; `db_pass: …` is', () => {
    assert.equal(redactSecrets("const labels = { pass: 'passed', fail: 'failed' };", { path: 'a.ts' }).count, 0);
    assert.equal(redacted('db_pass: hunter22\n', 'c.yml'), `db_pass: ${R}\n`);
  });
});

describe('secret detection: random values without digits', () => {
  it('a token of letters and separators as mixed as a generator makes is redacted; a name is not', () => {
    assert.equal(redacted('GET https://api.example.com/x?access_token=qWeRtYuIoPaS-dFgHjKlZxCvBnMq&limit=10', 'api.http'), `GET https://api.example.com/x?access_token=${R}&limit=10`);
    assert.equal(redacted('SIGNING: QwErTyUiOpAsDfGhJkLzXcVbNmQwErTy\n', 'settings.yml'), `SIGNING: ${R}\n`);
    assert.equal(redactSecrets("const storageKey = 'tandem.inlineEdit.instructions';", { path: 'a.ts' }).count, 0);
    assert.equal(redactSecrets('header_token: X-Content-Security-Policy-Token\n', { path: 'c.yml' }).count, 0);
  });
});
