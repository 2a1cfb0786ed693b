import type { OutboundGate } from '../../context';

/** Whether the gate refuses a whole folder: asked with its trailing '/', so folder-only patterns (`dist/`) count. */
export function folderRefused(gate: OutboundGate, relativeFolder: string): boolean {
  return gate.refusalFor(relativeFolder) !== undefined || gate.refusalFor(`${relativeFolder.replace(/\/+$/, '')}/`) !== undefined;
}
