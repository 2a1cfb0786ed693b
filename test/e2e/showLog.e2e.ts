import * as assert from 'node:assert/strict';
import { version } from '../../package.json';
import { workbench } from './session';
import { eventually } from './support/eventually';

describe('the Tandem log', () => {
  it('"Tandem: Show Log" opens the Output panel on the Tandem channel with the activation line', async () => {
    const { quickInput, output } = workbench();
    assert.notEqual(await output.selectedChannel(), 'Tandem', 'the Tandem log is not on screen before the command');

    await quickInput.runCommand('Tandem: Show Log');
    await eventually(async () => assert.equal(await output.selectedChannel(), 'Tandem'));

    // The view follows the end of the log, so with more lines the first one scrolls away: find it
    // the way a user would, with the view's filter.
    const activated = new RegExp(`\\[info\\] Tandem ${version.replace(/\./g, '\\.')} activated in \\d+(\\.\\d+)? ms`);
    await output.filter('activated in');
    try {
      await eventually(async () => assert.match(await output.text('Tandem'), activated));
    } finally {
      await output.filter('');
    }
  });
});
