// The `tandem.mcp.*` settings other than the servers themselves, read leniently: a bad value is
// named in a problem and its default used.
import type { SettingReader } from '../config';

export interface McpSettings {
  /** "server" turns a whole server off, "server/tool" one tool. */
  disabled: ReadonlySet<string>;
  /** "server/tool" or "server/*": calls that run without asking. */
  alwaysAllow: ReadonlySet<string>;
  /** Tools whose server marks them read-only (annotations.readOnlyHint) run without asking. */
  autoApproveReadOnly: boolean;
  startupTimeoutMs: number;
  toolTimeoutMs: number;
  startAtActivation: boolean;
}

export const defaultMcpSettings: McpSettings = {
  disabled: new Set(), alwaysAllow: new Set(), autoApproveReadOnly: false, startupTimeoutMs: 30_000, toolTimeoutMs: 120_000, startAtActivation: false,
};

export function readMcpSettings(read: SettingReader): { settings: McpSettings; problems: string[] } {
  const problems: string[] = [];
  const list = (key: string): Set<string> => {
    const value = read(key);
    if (value === undefined) return new Set();
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return new Set(value as string[]);
    problems.push(`tandem.${key} must be a list of "server" or "server/tool" names; ignored.`);
    return new Set();
  };
  const flag = (key: string, fallback: boolean): boolean => {
    const value = read(key);
    if (value === undefined) return fallback;
    if (typeof value === 'boolean') return value;
    problems.push(`tandem.${key} must be true or false; using ${fallback}.`);
    return fallback;
  };
  const millis = (key: string, fallback: number, min: number, max: number): number => {
    const value = read(key);
    if (value === undefined) return fallback;
    if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
    problems.push(`tandem.${key} must be a whole number of milliseconds from ${min} to ${max}; using ${fallback}.`);
    return fallback;
  };
  return {
    settings: {
      disabled: list('mcp.disabled'), alwaysAllow: list('mcp.alwaysAllow'),
      autoApproveReadOnly: flag('mcp.autoApproveReadOnly', false), startAtActivation: flag('mcp.startAtActivation', false),
      startupTimeoutMs: millis('mcp.startupTimeoutMs', defaultMcpSettings.startupTimeoutMs, 1_000, 600_000),
      toolTimeoutMs: millis('mcp.toolTimeoutMs', defaultMcpSettings.toolTimeoutMs, 1_000, 3_600_000),
    },
    problems,
  };
}

export function isServerEnabled(settings: McpSettings, server: string): boolean {
  return !settings.disabled.has(server);
}

export function isToolEnabled(settings: McpSettings, server: string, tool: string): boolean {
  return !settings.disabled.has(server) && !settings.disabled.has(`${server}/${tool}`);
}

export function isAlwaysAllowed(settings: McpSettings, server: string, tool: string): boolean {
  return settings.alwaysAllow.has(`${server}/${tool}`) || settings.alwaysAllow.has(`${server}/*`);
}
