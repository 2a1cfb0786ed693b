// The SDK, loaded on first use through its CommonJS build. A dynamic import() of its ESM build made
// esbuild wrap zod (shared with the settings schemas) in lazy initialisers, and the bundled CLI and
// extension then died at load with "Class2 is not a constructor"; require() keeps the two apart.
/* eslint-disable @typescript-eslint/no-require-imports -- see above: require() is the lazy load that bundles correctly */
type ClientModule = typeof import('@modelcontextprotocol/sdk/client/index.js');
type StdioModule = typeof import('@modelcontextprotocol/sdk/client/stdio.js');
type SharedStdioModule = typeof import('@modelcontextprotocol/sdk/shared/stdio.js');
type SseModule = typeof import('@modelcontextprotocol/sdk/client/sse.js');
type StreamableModule = typeof import('@modelcontextprotocol/sdk/client/streamableHttp.js');

export const loadClient = (): ClientModule => require('@modelcontextprotocol/sdk/client/index.js') as ClientModule;
export const loadStdio = (): StdioModule => require('@modelcontextprotocol/sdk/client/stdio.js') as StdioModule;
export const loadSharedStdio = (): SharedStdioModule => require('@modelcontextprotocol/sdk/shared/stdio.js') as SharedStdioModule;
export const loadSse = (): SseModule => require('@modelcontextprotocol/sdk/client/sse.js') as SseModule;
export const loadStreamable = (): StreamableModule => require('@modelcontextprotocol/sdk/client/streamableHttp.js') as StreamableModule;
