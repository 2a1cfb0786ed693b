import assert from 'node:assert/strict';
import { redactSecrets, redactionMark } from '../../../src/core/context';

const redacted = (text: string, languageId?: string) => redactSecrets(text, { languageId }).text;
const R = redactionMark;

describe('secret redaction', () => {
  describe('private keys', () => {
    it('replaces the body of a PEM private key block line by line, keeping its frame and line count', () => {
      const pem = '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7x\nabc+/=\n-----END RSA PRIVATE KEY-----';
      assert.equal(redacted(`const key = \`${pem}\`;`), `const key = \`-----BEGIN RSA PRIVATE KEY-----\n${R}\n${R}\n-----END RSA PRIVATE KEY-----\`;`);
    });
    it('also a block cut off by the snippet boundary, and OpenSSH / PGP keys', () => {
      assert.equal(redacted('-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk'), `-----BEGIN OPENSSH PRIVATE KEY-----\n${R}`);
      assert.ok(!redacted('-----BEGIN PGP PRIVATE KEY BLOCK-----\nlQOYBF\n-----END PGP PRIVATE KEY BLOCK-----').includes('lQOYBF'));
    });
    it('leaves public keys and certificates', () => {
      const cert = '-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----';
      assert.equal(redacted(cert), cert);
    });
  });

  describe('API keys and tokens by their shape', () => {
    const tokens: Array<[string, string]> = [
      ['OpenAI', 'sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z'],
      ['Anthropic', 'sk-ant-api03-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z'],
      ['GitHub', 'ghp_Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAbCd'],
      ['GitHub fine-grained', 'github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz'],
      ['GitLab', 'glpat-Ab3dEf6hIj9kLm2nOp5q'],
      ['AWS access key id', 'AKIAIOSFODNN7EXAMPLE'],
      ['Google', 'AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q'],
      ['Slack', 'xoxb-123456789012-abcdefABCDEF'],
      ['Stripe', 'sk_live_4eC39HqLyjWDarjtT1zdp7dc'],
      ['npm', 'npm_Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAbCd'],
      ['Hugging Face', 'hf_Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zA'],
      ['JWT', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U'],
    ];
    for (const [name, token] of tokens) {
      it(name, () => {
        const out = redacted(`client.connect(${JSON.stringify(token)});`);
        assert.ok(!out.includes(token), out);
        assert.ok(out.includes(R), out);
      });
    }
    it('bearer credentials in headers', () => {
      assert.equal(redacted("headers: { Authorization: 'Bearer abcdef0123456789abcdef' }"), `headers: { Authorization: 'Bearer ${R}' }`);
    });
    it('passwords in URLs', () => {
      assert.equal(redacted('DATABASE_URL=postgres://app:s3cr3t-pw@db.internal:5432/app'), `DATABASE_URL=postgres://app:${R}@db.internal:5432/app`);
    });
  });

  describe('passwords and secrets in assignments', () => {
    const cases: Array<[string, string, string?]> = [
      ['const password = "hunter2";', `const password = "${R}";`],
      ["db_password = 'correct horse battery'", `db_password = '${R}'`],
      ['"apiKey": "9f8e7d6c5b4a39281706",', `"apiKey": "${R}",`],
      ['clientSecret: `Zm9vYmFyYmF6cXV4`,', `clientSecret: \`${R}\`,`],
      ['token := "7c4a8d09ca3762af61e59520943dc26494f8941b"', `token := "${R}"`],
      ['const authToken: string = "Ab3dEf6hIj9kLm2n";', `const authToken: string = "${R}";`],
      ['SECRET_KEY = "django-insecure-8x!2p"', `SECRET_KEY = "${R}"`],
    ];
    for (const [input, expected] of cases) it(input, () => assert.equal(redacted(input), expected));
  });

  describe('.env-style lines', () => {
    it('secret-looking names get their values replaced; other settings stay', () => {
      const env = 'PORT=3000\nSTRIPE_API_KEY=4eC39HqLyjWDarjtT1zdp7dc\nexport DB_PASSWORD=hunter2\nNODE_ENV=production';
      assert.equal(redacted(env, 'dotenv'), `PORT=3000\nSTRIPE_API_KEY=${R}\nexport DB_PASSWORD=${R}\nNODE_ENV=production`);
    });
    it('the same lines pasted into code are recognised too', () => {
      assert.equal(redacted('# config\nAUTH_TOKEN=Zx81kLmq02Pq', 'python'), `# config\nAUTH_TOKEN=${R}`);
    });
    it('YAML key: value in config files', () => {
      assert.equal(redacted('database:\n  user: app\n  password: hunter2\n', 'yaml'), `database:\n  user: app\n  password: ${R}\n`);
    });
  });

  describe('what is not a secret stays', () => {
    const unchanged = [
      'const password = getPassword();',
      'function login(user: string, password: string): Promise<Token> {',
      'const token = await auth.refresh(session);',
      'SECRET_KEY = os.environ["SECRET_KEY"]',
      'API_KEY = config.api_key',
      "const TOKEN_HEADER = 'x-auth-token';",
      'if (password === confirmation) save();',
      'const password = "";',
      'apiKey: `${process.env.OPENAI_API_KEY}`,',
      'skip-navigation { display: none }',
    ];
    for (const line of unchanged) {
      it(line, () => assert.deepEqual(redactSecrets(line), { text: line, count: 0, secrets: [] }));
    }
  });

  it('counts what it replaced', () => {
    assert.equal(redactSecrets('a = "sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv"; password = "x"').count, 2);
  });
});
