export * from './client';
export * from './errors';
export * from './metrics';
export * from './types';
export { estimateTokens, estimateMessagesTokens } from './tokens';
export { parseRetryAfter, retryDelay, type RetryPolicy } from './retry';
export { infillUrl, serverRoot, type InfillRequest } from './infill';
export type { ServerFlavour } from './serverProbe';
