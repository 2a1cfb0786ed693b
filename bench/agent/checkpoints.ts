// Checkpoint cost and restore time, for `npm run bench -- agent` (bench/agent/run.mjs calls
// `checkpointMetrics()` through tsx and merges the metrics into its result). Standalone:
// `npx tsx bench/agent/checkpoints.ts` prints the table.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Checkpoints } from '../../src/core/agent/checkpoints';

export interface CheckpointBenchOptions {
  /** Size of the big file (default 5 MB). */
  bigFileBytes?: number;
  /** Runs per measurement; the median is reported (default 7). */
  runs?: number;
  /** Small files a task touches for the many-files restore (default 100). */
  smallFiles?: number;
}

/** Budgets the agent bench may check these against (generous: a step of a model turn takes seconds). */
export const checkpointBudgets = {
  checkpoint5MbNewFileMs: 150,
  checkpoint5MbUnchangedMs: 100,
  restore5MbFileMs: 150,
  restore100FilesMs: 500,
  storedBytesPerDistinctByte: 1.05,
};

export async function checkpointMetrics(options: CheckpointBenchOptions = {}): Promise<Record<string, number>> {
  const size = options.bigFileBytes ?? 5 * 1024 * 1024;
  const runs = options.runs ?? 7;
  const smallFiles = options.smallFiles ?? 100;
  const sandbox = mkdtempSync(path.join(os.tmpdir(), 'tandem-bench-checkpoints-'));
  try {
    const firstCheckpoint: number[] = [];
    const unchangedCheckpoint: number[] = [];
    const afterWrite: number[] = [];
    const restoreBig: number[] = [];
    const restoreMany: number[] = [];
    const restoreNoop: number[] = [];
    let storedRatio = 0;
    for (let run = 0; run < runs; run++) {
      const root = path.join(sandbox, `ws-${run}`);
      mkdirSync(root, { recursive: true });
      const big = randomBytes(size);
      writeFileSync(path.join(root, 'big.dat'), big);
      const checkpoints = new Checkpoints(path.join(sandbox, `task-${run}`), root);

      firstCheckpoint.push(await timed(() => checkpoints.beforeWrite(1, 'big.dat')));
      big[0] = (big[0] ?? 0) ^ 1;
      writeFileSync(path.join(root, 'big.dat'), big);
      afterWrite.push(await timed(() => checkpoints.afterWrite(1, 'big.dat')));
      // steps 2..5 leave the file as step 1 did: its bytes are in the store already
      for (let step = 2; step <= 5; step++) {
        unchangedCheckpoint.push(await timed(() => checkpoints.beforeWrite(step, 'big.dat')));
        await checkpoints.afterWrite(step, 'big.dat');
      }
      storedRatio = folderBytes(path.join(sandbox, `task-${run}`, 'checkpoints', 'blobs')) / (2 * size);
      restoreBig.push(await timed(() => checkpoints.restore(1)));
      restoreNoop.push(await timed(() => checkpoints.restore(1)));

      const many = new Checkpoints(path.join(sandbox, `task-many-${run}`), root);
      mkdirSync(path.join(root, 'src'), { recursive: true });
      for (let i = 0; i < smallFiles; i++) {
        const name = `src/module-${i}.ts`;
        await many.beforeWrite(1, name);
        writeFileSync(path.join(root, name), `export const value${i} = ${i};\n`.repeat(40));
        await many.afterWrite(1, name);
      }
      restoreMany.push(await timed(() => many.restore(1)));
      rmSync(root, { recursive: true, force: true });
    }
    return {
      checkpoint5MbNewFileMs: median(firstCheckpoint),
      checkpoint5MbUnchangedMs: median(unchangedCheckpoint),
      afterWrite5MbMs: median(afterWrite),
      restore5MbFileMs: median(restoreBig),
      restoreAgainNoChangeMs: median(restoreNoop),
      restore100FilesMs: median(restoreMany),
      storedBytesPerDistinctByte: Math.round(storedRatio * 1000) / 1000,
    };
  } finally {
    rmSync(sandbox, { recursive: true, force: true });
  }
}

async function timed(action: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await action();
  return performance.now() - started;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round((sorted[Math.floor(sorted.length / 2)] ?? 0) * 10) / 10;
}

function folderBytes(folder: string): number {
  return readdirSync(folder).reduce((sum, name) => sum + statSync(path.join(folder, name)).size, 0);
}

// Run directly (CommonJS through tsx), not when imported by the agent bench.
if (typeof require !== 'undefined' && typeof module !== 'undefined' && require.main === module) {
  void checkpointMetrics().then((metrics) => {
    for (const [name, value] of Object.entries(metrics)) {
      const budget = (checkpointBudgets as Record<string, number>)[name];
      console.log(`${name.padEnd(28)} ${String(value).padStart(8)}${budget === undefined ? '' : `   (budget ${budget})`}`);
    }
  });
}
