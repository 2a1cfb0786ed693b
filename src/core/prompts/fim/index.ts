export { detectFimFamily, fimFamilies, type FimFamily } from './families';
export { fimTemplates } from './templates';
export type { FimPromptParts, FimSnippet, FimTemplate } from './types';
export { heldBackFrom, stripTemplateTokens, type TokenCleanResult } from './templateTokens';
export { buildChatFimMessages, holeMarker, type ChatFimParts } from './chatFallback';
export { cleanChatOutput, type ChatOutputResult } from './chatOutput';
