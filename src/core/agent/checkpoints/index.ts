export { Checkpoints, type CheckpointStep, type RestoreResult } from './checkpoints';
