import type { RequestMetrics } from '../../core/llm/metrics';

export type Health =
  | { state: 'unknown' }
  | { state: 'checking' }
  | { state: 'ok'; models: string[] }
  | { state: 'modelMissing'; models: string[]; message: string }
  | { state: 'error'; message: string };

/** Error kinds that mean the server itself is not answering (not a problem with one request). */
const SERVER_DOWN = new Set(['unreachable', 'connectTimeout']);

/**
 * What a finished request says about the server's health, between the health checks: a request
 * that could not reach the server makes the status say so at once (the chat and completions
 * already show the error); undefined when it changes nothing, 'recheck' when the server answers
 * again after being reported down.
 */
export function healthAfterRequest(current: Health, metrics: RequestMetrics, where: string): Health | 'recheck' | undefined {
  if (metrics.endpoint === 'models') return undefined; // the health check's own request
  if (metrics.outcome === 'error' && metrics.errorKind && SERVER_DOWN.has(metrics.errorKind)) {
    const message = `Server not reachable: the last ${metrics.endpoint === 'chat' ? 'chat' : 'completion'} request to ${where} failed (${metrics.errorKind === 'unreachable' ? 'no connection' : 'connection timed out'}).`;
    return current.state === 'error' && current.message === message ? undefined : { state: 'error', message };
  }
  if (metrics.outcome === 'ok' && current.state === 'error') return 'recheck';
  return undefined;
}
