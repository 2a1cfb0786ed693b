// An append-only run log that never throws: lines may still arrive while the run's temp folder
// is being removed, and losing those is fine.
import { appendFileSync } from 'node:fs';

/** @param {string} file @returns {(line: string) => void} */
export function logAppender(file) {
  return (line) => {
    try {
      appendFileSync(file, `${line}\n`);
    } catch {
      // The folder is gone (teardown); nothing left to record.
    }
  };
}
