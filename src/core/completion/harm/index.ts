export { guardSuggestion, type GuardOutcome, type GuardResult } from './guard';
export { findHarm, type Harm, type HarmKind, type Remedy } from './judge';
