/**
 * Imported first by extension.ts, so this runs before any other module of the bundle is
 * evaluated: the start of the activation-time measurement.
 */
export const bundleEvaluationStart = performance.now();
