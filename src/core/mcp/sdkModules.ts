// The SDK modules Tandem uses, in one place so the bundles can load them as one lazily required
// chunk (dist/mcp-sdk.js, see scripts/lazy-chunks.mjs): the extension's activation does not parse
// the SDK. Loaded with require(), i.e. the SDK's CommonJS build: an ESM import here, once bundled
// into the same file as the settings schemas (test bundles without the chunk), made esbuild wrap
// zod in lazy initialisers and the bundle died at load with "Class2 is not a constructor".
/* eslint-disable @typescript-eslint/no-require-imports -- see above */
export const sdkModules = {
  client: require('@modelcontextprotocol/sdk/client/index.js') as typeof import('@modelcontextprotocol/sdk/client/index.js'),
  stdio: require('@modelcontextprotocol/sdk/client/stdio.js') as typeof import('@modelcontextprotocol/sdk/client/stdio.js'),
  sharedStdio: require('@modelcontextprotocol/sdk/shared/stdio.js') as typeof import('@modelcontextprotocol/sdk/shared/stdio.js'),
  sse: require('@modelcontextprotocol/sdk/client/sse.js') as typeof import('@modelcontextprotocol/sdk/client/sse.js'),
  streamable: require('@modelcontextprotocol/sdk/client/streamableHttp.js') as typeof import('@modelcontextprotocol/sdk/client/streamableHttp.js'),
};
