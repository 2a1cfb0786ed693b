import type { TandemApi } from '../../src/extension';
import { FakeLlmServer } from '../support/fakeLlm';
import { setSetting, tandemApi } from './tandemApi';
import { waitFor } from './waitFor';

// The set-up most suites share: the fake model server started, made Tandem's active provider
// (`fake`), and waited for; and its undoing.

export interface FakeProviderOptions {
  /** The models the server lists (default: its own). */
  models?: string[];
  /** Also a completion model, `fake-coder` (the server must list it). */
  completion?: boolean;
}

export async function useFakeProvider(options: FakeProviderOptions = {}): Promise<{ server: FakeLlmServer; api: TandemApi }> {
  const server = await FakeLlmServer.start(options.models ? { models: options.models } : {});
  const models = { chat: 'fake-chat', ...(options.completion ? { completion: 'fake-coder' } : {}) };
  await setSetting('providers', { fake: { kind: 'openai-compatible', label: 'Fake server', baseUrl: server.baseUrl, models } });
  await setSetting('provider', 'fake');
  const api = await tandemApi();
  await waitFor(() => api.config().provider.baseUrl === server.baseUrl, 'the fake provider to be active');
  return { server, api };
}

/** Back to no provider settings, and the server closed. */
export async function dropFakeProvider(server: FakeLlmServer | undefined): Promise<void> {
  await setSetting('provider', undefined);
  await setSetting('providers', undefined);
  await server?.close();
}
