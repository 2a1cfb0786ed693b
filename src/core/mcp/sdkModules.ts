// The SDK modules Tandem uses, in one place so the bundles can load them as one lazily required
// chunk (dist/mcp-sdk.js, see scripts/lazy-chunks.mjs): the extension's activation does not parse
// the SDK and its own zod copy; unbundled runs (tsx) load this file directly.
import * as client from '@modelcontextprotocol/sdk/client/index.js';
import * as sse from '@modelcontextprotocol/sdk/client/sse.js';
import * as stdio from '@modelcontextprotocol/sdk/client/stdio.js';
import * as streamable from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import * as sharedStdio from '@modelcontextprotocol/sdk/shared/stdio.js';

export const sdkModules = { client, stdio, sharedStdio, sse, streamable };
