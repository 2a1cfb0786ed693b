import type OpenAI from 'openai';
import type { ProviderConfig } from '../config';
import { createNodeFetch } from './transport';

/** Sent instead of a key to servers that need none; the transport drops it before it leaves. */
export const noApiKey = 'tandem-no-key';

export interface SdkOptions {
  provider: ProviderConfig;
  apiKey: string | undefined;
  connectTimeoutMs: number;
  /** Backstop only: Tandem's own watchdogs enforce the real timeouts. */
  requestTimeoutMs: number;
  userAgent: string;
}

/**
 * Builds the openai SDK client for a provider. The SDK is loaded on first use, not at activation.
 * Everything the SDK would otherwise read from the environment (OPENAI_API_KEY, OPENAI_BASE_URL,
 * OPENAI_ORG_ID...) is passed explicitly, so a key meant for OpenAI never reaches another server.
 */
export async function createSdkClient(options: SdkOptions): Promise<OpenAI> {
  const { default: OpenAIClient, AzureOpenAI } = await import('openai');
  const { provider } = options;
  const common = {
    apiKey: options.apiKey || noApiKey,
    organization: null,
    project: null,
    maxRetries: 0, // Tandem retries itself, and only before the first token
    timeout: options.requestTimeoutMs,
    defaultHeaders: provider.headers,
    fetch: createNodeFetch({ connectTimeoutMs: options.connectTimeoutMs, userAgent: options.userAgent, dropBearer: noApiKey }),
    logLevel: 'off' as const,
  };
  if (provider.kind === 'azure') {
    return new AzureOpenAI({ ...common, endpoint: provider.baseUrl, apiVersion: provider.apiVersion ?? '2024-10-21' });
  }
  return new OpenAIClient({ ...common, baseURL: provider.baseUrl });
}
