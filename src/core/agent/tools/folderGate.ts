import type { OutboundGate } from '../../context';

/**
 * Whether the gate refuses a whole folder. The gate is asked about files; a folder-only pattern
 * (`dist/`) matches the files under the folder but not its bare name, so a name inside is asked.
 */
export function folderRefused(gate: OutboundGate, relativeFolder: string): boolean {
  return gate.refusalFor(relativeFolder) !== undefined || gate.refusalFor(`${relativeFolder}/.tandem-folder-probe`) !== undefined;
}
