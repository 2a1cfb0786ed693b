// Public surface of the fake model server. See README.md in this folder.
export type {
  FakeFault,
  FakeReply,
  FakeRule,
  FakeRuleMatch,
  FakeServerOptions,
  FakeToolCall,
  QuirkProfile,
  RecordedRequest,
} from './types';
export { FakeLlmServer } from './server';
export { unusedPort } from './ports';
export { demoRules } from './demoScript';
export { contextLengthExceeded } from './errorShapes';
export type { ContextLengthFlavour } from './errorShapes';
export { QUIRK_PROFILES, isQuirkProfile } from './quirks';
export { loadRuleScript, parseRuleScript } from './ruleScript';
export { CHARS_PER_TOKEN, estimateTokens } from './tokens';
export { nativeAgentSession, textAgentSession, textCall, rejectsTools, loopingAgent, misbehaving } from './agentScript';
export type { AgentCall, AgentTurn, SessionOptions } from './agentScript';
