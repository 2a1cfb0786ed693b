import assert from 'node:assert/strict';
import type { AgentApproval } from '../../../src/core/protocol';
import { allowPatternFor, ApprovalQueue, canAlwaysAllow } from '../../../src/features/agent/approvals';
import { deniedPatternFor, withCommandLists } from '../../../src/features/agent/commandLists';
import type { ToolEnvironment } from '../../../src/core/agent';

describe('agent panel: approvals', () => {
  const command = { kind: 'command' as const, subject: 'npm test', detail: '`npm test` needs your approval.', destructive: false };

  it('shows one card, answers it by id only, and hides it once answered', async () => {
    const shown: Array<AgentApproval | null> = [];
    const queue = new ApprovalQueue((a) => shown.push(a));
    const answer = queue.ask(command, '/work/app');
    const card = shown[0];
    assert.ok(card);
    assert.equal(card.folder, '/work/app');
    assert.equal(queue.answer('approval-999', 'run'), false, 'a stale card answers nothing');
    assert.equal(queue.answer(card.id, 'always'), true);
    assert.equal(await answer, 'always');
    assert.equal(shown.at(-1), null);
    assert.equal(queue.answer(card.id, 'deny'), false, 'a second click answers nothing');
  });

  it('never takes "always" for a destructive command or one with a star; Stop denies what waits', async () => {
    const queue = new ApprovalQueue(() => undefined);
    const destructive = queue.ask({ ...command, subject: 'git clean -fd', destructive: true }, '/w');
    queue.answer(queue.current?.id ?? '', 'always');
    assert.equal(await destructive, 'run');
    assert.equal(canAlwaysAllow({ ...command, subject: 'ls *.ts' }), false);
    assert.equal(canAlwaysAllow({ ...command, kind: 'edit' }), false);
    const waiting = queue.ask(command, '/w');
    queue.cancel();
    assert.equal(await waiting, 'deny');
  });

  it('"always" remembers the command itself, spaces normalised', () => {
    assert.equal(allowPatternFor('  npm   run  lint '), 'npm run lint');
  });
});

describe('agent panel: denied commands and the command approval policy', () => {
  const env = { judgeCommand: () => ({ decision: 'ask', destructive: false, reason: '`make` needs your approval.' }) } as unknown as ToolEnvironment;

  it('a denied pattern matches the whole command or any part of a list or pipeline', () => {
    assert.equal(deniedPatternFor('npm publish --tag next', ['npm publish*']), 'npm publish*');
    assert.equal(deniedPatternFor('npm test && npm  publish', ['npm publish*']), 'npm publish*');
    assert.equal(deniedPatternFor('cat x | docker run img', ['docker *']), 'docker *');
    assert.equal(deniedPatternFor('npm test', ['npm publish*']), undefined);
  });

  it('denied beats everything; allowedOnly refuses what would ask, with the reason and the way out', () => {
    const denied = withCommandLists(env, { deniedCommands: ['make*'], commandApproval: 'ask' }).judgeCommand('make all');
    assert.equal(denied.decision, 'deny');
    assert.match(denied.reason, /tandem\.agent\.deniedCommands/);
    const strict = withCommandLists(env, { deniedCommands: [], commandApproval: 'allowedOnly' }).judgeCommand('make all');
    assert.equal(strict.decision, 'deny');
    assert.match(strict.reason, /add a pattern to tandem\.agent\.allowedCommands/);
    assert.equal(withCommandLists(env, { deniedCommands: [], commandApproval: 'ask' }).judgeCommand('make').decision, 'ask');
  });
});
