export { CompletionEngine } from './engine';
export { defaultCompletionTuning, type CompletionEngineOptions, type CompletionEvent, type CompletionModelClient, type CompletionTuning } from './engineOptions';
export { CompletionStats, type CompletionStatsSnapshot, type LatencySummary } from './stats';
export { systemClock, type Clock, type ClockTimer } from './clock';
export { chooseFimStrategy, type FimStrategy, type StrategyChoice } from './strategy';
export type { CompletionDocument, CompletionItem, CompletionRequest, CompletionSource, EditorIndentation, Position, TriggerKind } from './types';
