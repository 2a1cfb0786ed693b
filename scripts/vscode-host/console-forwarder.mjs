// Routes the page's console messages: extension-host lines (tagged by the suite, see
// test/integration/consoleTag.ts) go to our stdout without any prefix, so mocha's spec output
// reads as if mocha ran here; workbench errors are printed with a "[workbench]" prefix unless
// they are known noise; everything goes to the run's log file.

/** Harmless in an offline sandbox: gallery / telemetry lookups and assets code-server does not ship. */
const NOISE = [
  /ENOTFOUND/,
  /ERR_NAME_NOT_RESOLVED/,
  /ERR_INTERNET_DISCONNECTED/,
  /status of 404 \(Not Found\)/, // vsda (Microsoft-only signing module) is absent from code-server
  /same-origin iframe/,
  /allow-scripts and allow-same-origin/,
  /authentication provider 'github'/, // GitHub sign-in is not available offline
];

/** The log service's console styling: "%c INFO color: #33f message" -> "message". */
const LOG_STYLE = /^%c\s*\w+\s+color: [^ ]+ /;

/**
 * @param {import('playwright-core').Page} page
 * @param {object} options
 * @param {string} options.tag       the prefix the suite puts in front of extension-host lines
 * @param {(line: string) => void} options.log  receives every message
 * @param {(line: string) => void} options.onSuiteLine  each extension-host line, untagged
 */
export function forwardConsole(page, { tag, log, onSuiteLine }) {
  page.on('console', (message) => {
    const type = message.type();
    const text = message.text();
    log(`[console.${type}] ${text}`);

    const tagAt = text.indexOf(tag);
    if (tagAt >= 0) {
      for (const line of text.slice(tagAt + tag.length).split('\n')) onSuiteLine(line);
      return;
    }
    if (type === 'error' && !NOISE.some((pattern) => pattern.test(text))) {
      // First line only (stack traces are in the log file).
      console.log(`[workbench] ${text.replace(LOG_STYLE, '').split('\n')[0]}`);
    }
  });
  page.on('pageerror', (error) => {
    log(`[pageerror] ${error.stack ?? error.message}`);
    console.log(`[workbench] uncaught: ${error.message}`);
  });
}
