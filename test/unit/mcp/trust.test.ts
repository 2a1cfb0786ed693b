import assert from 'node:assert/strict';
import { misbehavingEntry, memoryGuard, stdioServer, testManager } from '../../support/mcp/mcpTestKit';

describe('MCP trust: servers a workspace defines', function () {
  this.timeout(20_000);

  it('never start in Restricted Mode, and the reason says so', async () => {
    const guard = memoryGuard({ restricted: true, answer: true });
    const { manager } = await testManager({ ws: stdioServer(misbehavingEntry, 'tools') }, {}, { origin: 'workspace', guard });
    assert.deepEqual(await manager.tools(), []);
    const state = manager.server('ws')?.state;
    assert.equal(state?.kind, 'blocked');
    assert.match(state?.kind === 'blocked' ? state.reason : '', /not trusted \(Restricted Mode\)/);
    assert.deepEqual(guard.asked, []);
    await manager.dispose();
  });

  it('ask once to confirm the exact command line; the answer is remembered per command line', async () => {
    const guard = memoryGuard({ answer: true });
    const first = await testManager({ ws: stdioServer(misbehavingEntry, 'tools') }, {}, { origin: 'workspace', guard });
    assert.ok((await first.manager.tools()).length > 0);
    assert.equal(guard.asked.length, 1);
    assert.equal(guard.asked[0], `${process.execPath} ${misbehavingEntry} tools`);
    await first.manager.restart('ws');
    assert.equal(guard.asked.length, 1, 'not asked again for the same command line');
    await first.manager.dispose();
    // A changed argument is a different command line: asked again.
    const second = await testManager({ ws: stdioServer(misbehavingEntry, 'garbage') }, {}, { origin: 'workspace', guard });
    await second.manager.tools();
    assert.equal(guard.asked.length, 2);
    await second.manager.dispose();
  });

  it('a declined command line does not start and is not asked about again until Restart; nobody to ask blocks it', async () => {
    const guard = memoryGuard({ answer: false });
    const { manager } = await testManager({ ws: stdioServer(misbehavingEntry, 'tools') }, {}, { origin: 'workspace', guard });
    await manager.tools();
    const state = manager.server('ws')?.state;
    assert.match(state?.kind === 'blocked' ? state.reason : '', /you declined to run its command line .*use Restart to be asked again/);
    await manager.restart('ws');
    await manager.tools();
    assert.equal(guard.asked.length, 2, 'asked again only by the explicit Restart');
    await manager.dispose();
    const nobody = await testManager({ ws: stdioServer(misbehavingEntry, 'tools') }, {}, { origin: 'workspace', guard: memoryGuard({ answer: undefined }) });
    await nobody.manager.tools();
    const blocked = nobody.manager.server('ws')?.state;
    assert.match(blocked?.kind === 'blocked' ? blocked.reason : '', /must be confirmed first, and nobody could be asked/);
    await nobody.manager.dispose();
  });

  it('user-level servers start without asking, and a server turned off does not start', async () => {
    const guard = memoryGuard({ answer: false });
    const { manager } = await testManager({ mine: stdioServer(misbehavingEntry, 'tools'), off: stdioServer(misbehavingEntry, 'tools') }, { 'mcp.disabled': ['off'] }, { guard });
    const tools = await manager.tools();
    assert.ok(tools.every((t) => t.info.server === 'mine') && tools.length > 0);
    assert.deepEqual(guard.asked, []);
    assert.notEqual(manager.server('off')?.state.kind, 'ready');
    await manager.dispose();
  });
});
