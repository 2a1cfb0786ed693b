// Files whose diff a reviewer reads only as a summary: lock files, generated and minified output,
// snapshots. Their content is machine-written; a model commenting on it only makes noise.

const lockFiles = /(^|\/)(package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lockb?|Cargo\.lock|go\.sum|poetry\.lock|Pipfile\.lock|uv\.lock|composer\.lock|Gemfile\.lock|mix\.lock|pubspec\.lock|Podfile\.lock|packages\.lock\.json|flake\.lock)$/;
const generatedPaths = /\.(min\.js|min\.css|map|snap|pb\.go|g\.dart|freezed\.dart|designer\.cs)$|(_pb2(_grpc)?\.py|\.generated\.\w+|\.gen\.\w+)$|(^|\/)(dist|build|out|vendor|node_modules|__generated__|generated)\//;
/** The markers code generators put in a file's first lines ("Code generated ... DO NOT EDIT."). */
const generatedMarker = /@generated|code generated .* do not edit|auto-?generated|this file (is|was) (automatically )?generated/i;

export type SummaryReason = 'lock file' | 'generated file';

/** Why this file is summarised rather than reviewed, or undefined when it is reviewed. */
export function summaryReason(path: string, firstAddedLines: readonly string[] = []): SummaryReason | undefined {
  if (lockFiles.test(path)) return 'lock file';
  if (generatedPaths.test(path)) return 'generated file';
  if (firstAddedLines.slice(0, 5).some((line) => generatedMarker.test(line))) return 'generated file';
  return undefined;
}
