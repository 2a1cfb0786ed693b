// The SDK, loaded on first use with require() of one module (a chunk of its own in the bundles,
// see sdkModules.ts). A dynamic import() of its ESM build made esbuild wrap zod (shared with the
// settings schemas) in lazy initialisers, and the bundled CLI and extension then died at load
// with "Class2 is not a constructor"; a separately built CommonJS chunk keeps the two apart.
/* eslint-disable @typescript-eslint/no-require-imports -- see above: require() is the lazy load that bundles correctly */
import type { sdkModules } from './sdkModules';

type SdkModules = typeof sdkModules;
let loaded: SdkModules | undefined;
const sdk = (): SdkModules => (loaded ??= (require('./sdkModules') as { sdkModules: SdkModules }).sdkModules);

export const loadClient = (): SdkModules['client'] => sdk().client;
export const loadStdio = (): SdkModules['stdio'] => sdk().stdio;
export const loadSharedStdio = (): SdkModules['sharedStdio'] => sdk().sharedStdio;
export const loadSse = (): SdkModules['sse'] => sdk().sse;
export const loadStreamable = (): SdkModules['streamable'] => sdk().streamable;
