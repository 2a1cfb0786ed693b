/** The logging surface core needs; VS Code's LogOutputChannel satisfies it, tests pass a recorder. */
export interface Logger {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const silentLogger: Logger = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };

/** Well-known API key shapes (OpenAI, OpenRouter, Anthropic-style, bearer tokens in echoed headers). */
const keyPatterns = [/\bsk-[A-Za-z0-9_-]{12,}/g, /\b(Bearer\s+)[A-Za-z0-9._~+/-]{12,}=*/gi];

/** Removes known secrets and key-shaped strings from a log line. */
export function redactSecrets(text: string, secrets: Iterable<string>): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length >= 4) result = result.split(secret).join('[redacted]');
  }
  for (const pattern of keyPatterns) result = result.replace(pattern, (_match, bearer?: string) => `${typeof bearer === 'string' ? bearer : ''}[redacted]`);
  return result;
}

/** Wraps a logger so no line it writes can carry an API key. */
export function redactingLogger(inner: Logger, secrets: () => Iterable<string>): Logger {
  const wrap = (write: (message: string) => void) => (message: string) => write(redactSecrets(message, secrets()));
  return {
    trace: wrap((m) => inner.trace(m)),
    debug: wrap((m) => inner.debug(m)),
    info: wrap((m) => inner.info(m)),
    warn: wrap((m) => inner.warn(m)),
    error: wrap((m) => inner.error(m)),
  };
}
