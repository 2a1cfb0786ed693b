import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { outputFrameworks, outputsDir } from './fixtures';

const projectsDir = join(outputsDir, '../projects');

describe('recorded fixtures: inventory', () => {
  for (const folder of Object.keys(outputFrameworks)) {
    it(`${folder}: tool versions, and an exit code and command for every output`, () => {
      const dir = join(outputsDir, folder);
      const versions = readFileSync(join(dir, 'versions.txt'), 'utf8').trim().split('\n');
      assert.ok(versions.length >= 1 && versions.every((v) => /\d+\.\d+/.test(v)), `${folder}/versions.txt: ${versions.join(' | ')}`);
      const outputs = readdirSync(dir).filter((f) => f.endsWith('.txt') && f !== 'versions.txt');
      assert.ok(outputs.length >= 3, `${folder}: only ${outputs.length} outputs`);
      for (const output of outputs) {
        const meta = JSON.parse(readFileSync(join(dir, output.replace(/\.txt$/, '.json')), 'utf8')) as { framework: string; command: string; exitCode: number; cwd: string };
        assert.equal(meta.framework, folder);
        assert.ok(Number.isInteger(meta.exitCode) && meta.command.length > 0 && meta.cwd.startsWith('/'), `${folder}/${output}`);
      }
      assert.ok(existsSync(join(projectsDir, folder)), `no sample project for ${folder}`);
    });
  }
});
