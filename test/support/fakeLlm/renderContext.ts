// What every renderer needs to stamp a response: the profile, the ids and the timing source.
import type { QuirkSpec, StreamUsageMode } from './quirks';

export interface RenderContext {
  quirks: QuirkSpec;
  /** The response id (`chatcmpl-…`), shared by every chunk of one stream. */
  id: string;
  /** Unix seconds, shared by every chunk of one stream. */
  created: number;
  model: string;
  /** Adds Azure's content-filter decorations. */
  azure: boolean;
  /** Milliseconds since the response started (llama.cpp reports generation timings). */
  elapsedMs: () => number;
  /** The prompt-cache slot that served the request (llama.cpp's `id_slot`). */
  slot?: number;
  /** Simulated prompt-processing time (the cache simulation), reported in llama.cpp's timings. */
  promptMs?: number;
}

export interface StreamShape {
  /** Characters per content delta. */
  chunkSize: number;
  usageMode: StreamUsageMode;
  /** llama.cpp `timings_per_token`: every partial result carries the `timings` object, not only the last. */
  timingsPerToken?: boolean;
}
