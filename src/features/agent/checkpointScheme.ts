/** The URI scheme of the read-only checkpoint documents the panel's diffs open. */
export const checkpointScheme = 'tandem-agent-checkpoint';
