import { redactionMark, redactSecrets } from './context/redact';

/** The logging surface core needs; VS Code's LogOutputChannel satisfies it, tests pass a recorder. */
export interface Logger {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const silentLogger: Logger = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };

/**
 * Removes the user's own keys (exact values) and anything secret-shaped from a log line, with the
 * same detector and marker as prompts (context/redact): one notion of "secret" for everything
 * that leaves Tandem's memory.
 */
export function redactForLog(text: string, secrets: Iterable<string>): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length >= 4) result = result.split(secret).join(redactionMark);
  }
  return redactSecrets(result).text;
}

/** Wraps a logger so no line it writes can carry an API key. */
export function redactingLogger(inner: Logger, secrets: () => Iterable<string>): Logger {
  const wrap = (write: (message: string) => void) => (message: string) => write(redactForLog(message, secrets()));
  return {
    trace: wrap((m) => inner.trace(m)),
    debug: wrap((m) => inner.debug(m)),
    info: wrap((m) => inner.info(m)),
    warn: wrap((m) => inner.warn(m)),
    error: wrap((m) => inner.error(m)),
  };
}
