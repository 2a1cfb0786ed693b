import assert from 'node:assert/strict';
import { readConfig } from '../../../src/core/config';

const reader = (values: Record<string, unknown>) => (key: string) => values[key];

describe('tandem.tests.* settings', () => {
  it('default to the detected command, 3 fix rounds and no run without asking', () => {
    assert.deepEqual(readConfig(reader({})).config.tests, { command: '', maxFixRounds: 3, autoRunAfterAccept: false });
  });

  it('reads valid values (the command trimmed)', () => {
    const { config, problems } = readConfig(reader({ 'tests.command': '  npm test -- ${testFile} ', 'tests.maxFixRounds': 0, 'tests.autoRunAfterAccept': true }));
    assert.deepEqual(config.tests, { command: 'npm test -- ${testFile}', maxFixRounds: 0, autoRunAfterAccept: true });
    assert.deepEqual(problems, []);
  });

  it('names each invalid value and uses its default', () => {
    const { config, problems } = readConfig(reader({ 'tests.command': 42, 'tests.maxFixRounds': 11, 'tests.autoRunAfterAccept': 'yes' }));
    assert.deepEqual(config.tests, { command: '', maxFixRounds: 3, autoRunAfterAccept: false });
    assert.deepEqual(problems.map((p) => p.setting), ['tandem.tests.command', 'tandem.tests.maxFixRounds', 'tandem.tests.autoRunAfterAccept']);
    assert.match(problems[1]?.message ?? '', /^tandem\.tests\.maxFixRounds: .*10.* \(got 11\)\. Using 3 instead\.$/);
    assert.match(readConfig(reader({ 'tests.maxFixRounds': 1.5 })).problems[0]?.message ?? '', /expected a whole number of rounds \(got 1\.5\)/);
  });
});
