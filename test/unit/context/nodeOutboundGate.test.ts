import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { nodeOutboundGate } from '../../../src/core/context';

describe('nodeOutboundGate', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'tandem-gate-'));
    writeFileSync(path.join(root, '.gitignore'), 'generated/\n*.local.ts\n');
    mkdirSync(path.join(root, 'pkg', 'inner'), { recursive: true });
    writeFileSync(path.join(root, 'pkg', '.gitignore'), 'private.ts\n');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('refuses files matched by any .gitignore, by tandem.ignore and the sensitive list; allows the rest', async () => {
    const gate = await nodeOutboundGate(root, ['secrets/']);
    assert.match(gate.refusalFor('generated/a.ts') ?? '', /\.gitignore or tandem\.ignore/);
    assert.ok(gate.refusalFor('src/app.local.ts'));
    assert.ok(gate.refusalFor('pkg/private.ts'), 'a nested .gitignore applies to its folder');
    assert.equal(gate.refusalFor('private.ts'), undefined, 'but not above it');
    assert.ok(gate.refusalFor('secrets/db.ts'));
    assert.match(gate.refusalFor('config/.env') ?? '', /sensitive/);
    assert.equal(gate.refusalFor('src/app.ts'), undefined);
  });

  it('judges a folder given with its trailing slash by folder-only patterns', async () => {
    const gate = await nodeOutboundGate(root);
    assert.ok(gate.refusalFor('generated/'), 'the folder itself is ignored by `generated/`');
    assert.equal(gate.refusalFor('generated.ts'), undefined);
  });

  it('redacts secrets in text bound for a model', async () => {
    const gate = await nodeOutboundGate(root);
    const key = `ghp_${'a1B2'.repeat(9)}`;
    const result = gate.redact(`const token = "${key}";`, { path: 'src/a.ts' });
    assert.equal(result.count, 1);
    assert.ok(!result.text.includes(key));
  });

  it('picks rules by the path: unquoted config values are secrets in a config file, expressions in code are not', async () => {
    const gate = await nodeOutboundGate(root);
    assert.equal(gate.redact('password: hunter2-Xy9\n', { path: 'config/db.yml' }).text, 'password: [REDACTED]\n');
    assert.equal(gate.redact('password = hunter2\n', { path: 'src/login.py' }).count, 0, 'an identifier in code');
  });

  it('knows GCP key downloads, tfvars, kubeconfig and terraform state as sensitive files', async () => {
    const gate = await nodeOutboundGate(root);
    for (const file of ['keys/acme-prod-0a1b2c3d4e5f.json', 'infra/prod.tfvars', 'infra/terraform.tfstate', '.kube/config', 'ops/admin.kubeconfig', 'client_secret_1234.apps.googleusercontent.com.json']) {
      assert.match(gate.refusalFor(file) ?? '', /sensitive/, file);
    }
    assert.equal(gate.refusalFor('src/package-1.json'), undefined);
  });
});
