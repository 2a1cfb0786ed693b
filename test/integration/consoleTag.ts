import { format } from 'node:util';

/**
 * Environment variable through which the code-server harness asks for tagged console output.
 * In the browser, the extension host's console and the workbench's own log lines arrive as the
 * same kind of page console message; a tag in front of every extension-host line lets the harness
 * print exactly the suite's output (spec lines, test logs) and keep workbench chatter in its log.
 */
export const CONSOLE_TAG_ENV = 'TANDEM_TEST_CONSOLE_TAG';

/** Prefixes every extension-host console line with the tag the harness asked for, if any. */
export function tagConsoleForHarness(): void {
  const tag = process.env[CONSOLE_TAG_ENV];
  if (!tag) return;
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const forward = console[level].bind(console);
    // VS Code's extension host installs its forwarding console methods as getters with a no-op
    // setter, so plain assignment is silently ignored; redefining the property works. Formatted
    // here, so the harness receives one plain string (no %s/%d left to apply).
    Object.defineProperty(console, level, {
      configurable: true,
      writable: true,
      value: (...args: unknown[]) => forward(`${tag}${format(...args)}`),
    });
  }
}
