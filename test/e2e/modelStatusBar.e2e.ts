import * as assert from 'node:assert/strict';
import { CHAT_MODEL, COMPLETION_MODEL, PROVIDER_LABEL, SERVED_MODELS, THIRD_MODEL } from './fixture';
import { fixture, workbench } from './session';
import { eventually } from './support/eventually';
import { TANDEM_MODEL_ITEM_ID } from './support/workbench';

describe('the Tandem model in the status bar', () => {
  const modelItem = () => workbench().statusBarItem(TANDEM_MODEL_ITEM_ID);

  it('shows the chat model and, once checked, that the server is reachable', async () => {
    const item = modelItem();
    await eventually(async () => assert.equal(await item.text(), `$(sparkle) ${CHAT_MODEL}`));
    // The first health check runs ~1.5 s after activation; until then the label says "not checked yet".
    const reachable = `Server reachable (${SERVED_MODELS.length} models).`;
    await eventually(async () => assert.equal(await item.ariaLabel(), `Tandem model ${CHAT_MODEL} on ${PROVIDER_LABEL}: ${reachable}`), 20_000);
    // Hovered again until it settles: a configuration or key event soon after start-up checks the
    // server once more, and the tooltip says "Checking the server…" while it runs.
    await eventually(async () => assert.equal(
      await item.hoverText(),
      `Tandem — ${CHAT_MODEL} on ${PROVIDER_LABEL} (${fixture().server.baseUrl})\n${reachable}\nClick to select a model.`,
    ), 20_000);
  });

  it('"Tandem: Select Chat Model" lists the server\'s models, and picking one shows it in the status bar', async () => {
    const { quickInput } = workbench();
    await quickInput.runCommand('Tandem: Select Chat Model');
    await eventually(async () => {
      assert.deepEqual(await quickInput.rowLabels(), [CHAT_MODEL, COMPLETION_MODEL, THIRD_MODEL, 'Switch provider…']);
      assert.equal(await quickInput.title(), `Tandem: chat model on ${PROVIDER_LABEL} (${fixture().server.baseUrl})`);
      assert.equal(await quickInput.placeholder(), `Pick the chat model (${SERVED_MODELS.length} available)`);
    });

    await quickInput.pick(THIRD_MODEL);
    await eventually(async () => {
      assert.equal(await modelItem().text(), `$(sparkle) ${THIRD_MODEL}`);
      assert.equal(await quickInput.isOpen(), false, 'the picker closes after the choice');
    });
  });
});
