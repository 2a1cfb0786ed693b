import assert from 'node:assert/strict';
import { needsOwnProcess } from '../../../../src/core/agent/exec/ownProcess';

describe('needsOwnProcess: commands not typed into the user\'s interactive shell', () => {
  it('sends ordinary commands, chains, pipes and relative scripts to the shell', () => {
    for (const command of ['npm test', 'npm run build && npm test', 'git status | cat', './scripts/run.sh --fast', 'cd .. && ls', 'echo "exit code is $?"x', 'node -e "process.exitCode=1"', 'grep -r exited src', 'make release-set', 'echo $(date) done']) {
      assert.equal(needsOwnProcess(command), false, command);
    }
  });

  it('keeps out what could end, replace or reconfigure that shell, and multi-line commands', () => {
    for (const command of ['exit 3', 'npm test; exit $?', 'false || exit 1', 'exec node server.js', 'set -e; npm test', 'set -euo pipefail', 'set -o errexit', 'source .venv/bin/activate && pytest', '. ./env.sh', 'kill $$', 'trap "" INT', 'logout', 'echo a\necho b', '(cd sub; exit 2)', '(cd packages/a && npm test)', 'npm ci && (cd web && npm test)']) {
      assert.equal(needsOwnProcess(command), true, command);
    }
  });
});
