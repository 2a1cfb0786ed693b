import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { silentLogger } from '../../src/core/logger';
import { WorkspaceIgnore } from '../../src/features/completions/workspaceIgnore';
import { scratchFolder, writeScratch } from './scratchFiles';

describe('ignore rules of the workspace (completions and chat)', () => {
  const folder = scratchFolder('ignore-scratch');

  after(() => vscode.workspace.fs.delete(folder, { recursive: true }));

  it('counts every file as ignored until the .gitignore files are read, then applies them', async () => {
    await writeScratch(folder, '.gitignore', 'private-notes.txt\n');
    const ignore = new WorkspaceIgnore(silentLogger, () => ['*.secret']);
    try {
      // The first question after start-up used to be answered from tandem.ignore alone.
      assert.equal(ignore.isIgnored('ignore-scratch/private-notes.txt'), true);
      await ignore.ready();
      assert.equal(ignore.isIgnored('ignore-scratch/private-notes.txt'), true, '.gitignore applies');
      assert.equal(ignore.isIgnored('keys/prod.secret'), true, 'tandem.ignore applies');
      assert.equal(ignore.isIgnored('src/money.ts'), false, 'other files are not ignored');
    } finally {
      ignore.dispose();
    }
  });
});
