import * as assert from 'node:assert/strict';
import { BAD_SETTING } from './fixture';
import { workbench } from './session';
import { eventually } from './support/eventually';

describe('a bad Tandem setting', () => {
  it('shows a warning naming the setting, whose "Open Settings" opens the Settings editor on it', async () => {
    const { notifications, settingsEditor } = workbench();
    await notifications.open();
    const warning = notifications.find(BAD_SETTING.key);
    await eventually(async () => assert.equal(
      await warning.message(),
      `Tandem: ${BAD_SETTING.key}: expected number, received string (got "${BAD_SETTING.value}"). Using ${BAD_SETTING.defaultValue} instead.`,
    ));
    assert.equal(await warning.severity(), 'Warning');
    assert.deepEqual(await warning.buttons(), ['Open Settings']);
    assert.equal(await settingsEditor.isActive(), false, 'no Settings editor before the click');

    await warning.click('Open Settings');
    await eventually(async () => {
      assert.equal(await settingsEditor.isActive(), true, 'the Settings editor is the active tab');
      assert.equal(await settingsEditor.searchQuery(), BAD_SETTING.key);
      assert.equal(await settingsEditor.resultCount(), '1 Setting Found');
      assert.deepEqual(await settingsEditor.shownSettings(), ['Tandem › Timeouts: Idle Ms']);
    });
  });
});
