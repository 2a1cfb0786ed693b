// Teardown that runs whether a run ends normally, fails, times out or gets Ctrl+C.

/** @type {Array<() => Promise<void> | void>} */
const tasks = [];
/** @type {Promise<void> | undefined} */
let inProgress;
let signalled = false;

/** Registers a teardown step; steps run in reverse order of registration (last started, first stopped). */
export function onCleanup(task) {
  tasks.push(task);
}

/** Runs every registered step once, continuing past failures; concurrent calls share one pass. */
export function runCleanup() {
  inProgress ??= (async () => {
    while (tasks.length > 0) {
      const task = tasks.pop();
      try {
        await task?.();
      } catch (error) {
        console.error(`cleanup step failed: ${error instanceof Error ? error.message : error}`);
      }
    }
  })().finally(() => {
    inProgress = undefined;
  });
  return inProgress;
}

/** True once Ctrl+C (or SIGTERM/SIGHUP) arrived: what fails from then on is the teardown, not a bug. */
export function wasInterrupted() {
  return signalled;
}

/**
 * Ctrl+C / SIGTERM / SIGHUP: tear everything down, then exit with 128+signal. Repeated signals
 * while tearing down are ignored, so an impatient second Ctrl+C cannot leave processes behind.
 * @param {string} [message] printed when the first signal arrives
 */
export function cleanupOnSignals(message = 'Stopping ...') {
  for (const [signal, number] of /** @type {const} */ ([['SIGINT', 2], ['SIGTERM', 15], ['SIGHUP', 1]])) {
    process.on(signal, () => {
      if (signalled) return;
      signalled = true;
      console.log(`\n${message}`);
      runCleanup().finally(() => process.exit(128 + number));
    });
  }
}
