import type { Fence } from './fences';
import { pathFromInfo, pathFromLine } from './paths';

/** The path a fence names: in its info string, or on the line before it. */
export function pathOfFence(lines: readonly string[], fence: Fence): string | undefined {
  return pathFromInfo(fence.info) ?? pathLineBefore(lines, fence);
}

/** A path alone on the line before the fence (one blank line may stand between). */
export function pathLineBefore(lines: readonly string[], fence: Fence): string | undefined {
  for (let k = fence.open - 1; k >= Math.max(0, fence.open - 2); k--) {
    const line = lines[k]!;
    if (line.trim() === '') continue;
    if (/^\s*(`{3,}|~{3,})/.test(line)) return undefined;
    return pathFromLine(line);
  }
  return undefined;
}
