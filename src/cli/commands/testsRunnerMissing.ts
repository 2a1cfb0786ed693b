/**
 * A test command that could not start its runner: no test ran, so there is nothing for the model
 * to fix and no verdict to give; what needs changing is the project (install the runner) or the
 * command. Recognised from the exit code 127 ("command not found") and from what npx, npm, pnpm,
 * yarn, the shells, Python and cargo print when the program is missing, but only when the run
 * reported no tests at all (a test whose own output mentions such words is still a test result).
 */
const missingPatterns: Array<{ pattern: RegExp; what: (match: RegExpExecArray) => string }> = [
  { pattern: /npx canceled due to missing packages and no YES option: \[?"?([^"\]\s]+)/i, what: (m) => `npx would have to download ${m[1]}: it is not installed in the project` },
  { pattern: /could not determine executable to run/i, what: () => 'npx found no such program in the project' },
  { pattern: /Missing script: "?([\w:.-]+)"?/i, what: (m) => `package.json has no "${m[1]}" script` },
  { pattern: /Command "([^"]+)" not found/i, what: (m) => `${m[1]} is not installed` },
  { pattern: /(?:^|\n)[^\n:]*?(?:sh|bash|dash)(?:: line \d+)?: (?:\d+: )?([^:\n]+): (?:command )?not found/i, what: (m) => `${m[1]!.trim()} is not installed (command not found)` },
  { pattern: /command not found: (\S+)/i, what: (m) => `${m[1]} is not installed (command not found)` },
  { pattern: /'([^']+)' is not recognized as an internal or external command/i, what: (m) => `${m[1]} is not installed (not recognized as a command)` },
  { pattern: /No module named (pytest|nose2?|unittest)\b/i, what: (m) => `the Python module ${m[1]} is not installed` },
  { pattern: /error: no such command: `([^`]+)`/i, what: (m) => `cargo ${m[1]} is not installed` },
];

export function missingRunner(result: { exitCode: number | undefined; output: string }, ranTests: boolean): string | undefined {
  if (result.exitCode === undefined || result.exitCode === 0 || ranTests) return undefined;
  for (const { pattern, what } of missingPatterns) {
    const match = pattern.exec(result.output);
    if (match) return what(match);
  }
  return result.exitCode === 127 ? 'command not found (exit code 127)' : undefined;
}

export class TestRunnerMissing extends Error {
  constructor(command: string, why: string) {
    super(`the test runner is missing: ${command} could not run — ${why}. No test ran. Install the runner (e.g. npm install --save-dev <runner>), or pass --command with the project's test command (or set tandem.tests.command).`);
  }
}
