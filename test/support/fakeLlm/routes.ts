// Maps method + URL to what is being asked, for the OpenAI-style `/v1/…` paths, Azure's two path
// styles and llama.cpp's native `/infill`. Whether a route exists for the active quirk profile is
// the handler's decision, not this file's.

export type Route =
  | { kind: 'listModels' }
  | { kind: 'getModel'; id: string }
  | { kind: 'chat' }
  | { kind: 'completions' }
  | { kind: 'infill' }
  | { kind: 'props' }
  | { kind: 'unknown' };

export interface AzureContext {
  /** `deployments` paths name the model in the path and require `api-version`; `v1` paths do neither. */
  style: 'deployments' | 'v1';
  deployment?: string;
  apiVersion?: string;
}

export interface ResolvedRoute {
  route: Route;
  /** The path without the query string (error messages quote it). */
  pathname: string;
  azure?: AzureContext;
}

export function resolveRoute(method: string, url: string): ResolvedRoute {
  const parsed = new URL(url, 'http://fake-llm.invalid');
  const pathname = parsed.pathname.length > 1 ? parsed.pathname.replace(/\/+$/, '') : parsed.pathname;
  const apiVersion = parsed.searchParams.get('api-version') ?? undefined;

  const deployment = /^\/openai\/deployments\/([^/]+)(\/.*)$/.exec(pathname);
  if (deployment !== null) {
    const name = decodeURIComponent(deployment[1] ?? '');
    const azure: AzureContext = { style: 'deployments', deployment: name, ...(apiVersion !== undefined ? { apiVersion } : {}) };
    return { route: openAiRoute(method, deployment[2] ?? ''), pathname, azure };
  }
  if (pathname === '/openai/models') {
    const azure: AzureContext = { style: 'deployments', ...(apiVersion !== undefined ? { apiVersion } : {}) };
    return { route: openAiRoute(method, '/models'), pathname, azure };
  }
  if (pathname.startsWith('/openai/v1/')) {
    return { route: openAiRoute(method, pathname.slice('/openai/v1'.length)), pathname, azure: { style: 'v1' } };
  }
  if (pathname.startsWith('/v1/')) return { route: openAiRoute(method, pathname.slice('/v1'.length)), pathname };
  if (pathname === '/infill' && method === 'POST') return { route: { kind: 'infill' }, pathname };
  if (pathname === '/props' && method === 'GET') return { route: { kind: 'props' }, pathname };
  return { route: { kind: 'unknown' }, pathname };
}

/** `rest` is the part after the API root, e.g. `/chat/completions`. */
function openAiRoute(method: string, rest: string): Route {
  if (method === 'POST' && rest === '/chat/completions') return { kind: 'chat' };
  if (method === 'POST' && rest === '/completions') return { kind: 'completions' };
  if (method === 'GET' && rest === '/models') return { kind: 'listModels' };
  const model = /^\/models\/(.+)$/.exec(rest);
  if (method === 'GET' && model !== null) return { kind: 'getModel', id: decodeURIComponent(model[1] ?? '') };
  return { kind: 'unknown' };
}
