import { joinPath, type WorkspaceFiles } from '../workspaceFiles';
import type { DetectedFramework } from './evidence';

/** Go's `testing` package: any module (go.mod) tests with `go test`. */
export async function detectGo(files: WorkspaceFiles, root: string): Promise<DetectedFramework[]> {
  const gomod = await files.read(joinPath(root, 'go.mod'));
  if (gomod === undefined) return [];
  const goModule = /^module\s+(\S+)/m.exec(gomod)?.[1];
  return [{ framework: 'go', root, score: 5, evidence: [`go.mod exists${goModule ? ` (module ${goModule})` : ''}`], ...(goModule ? { goModule } : {}) }];
}

/** Rust: any crate or workspace (Cargo.toml) tests with `cargo test`. */
export async function detectRust(files: WorkspaceFiles, root: string): Promise<DetectedFramework[]> {
  const manifest = await files.read(joinPath(root, 'Cargo.toml'));
  if (manifest === undefined) return [];
  return [{ framework: 'cargo', root, score: 5, evidence: [/^\[workspace\]/m.test(manifest) && !/^\[package\]/m.test(manifest) ? 'Cargo.toml (workspace) exists' : 'Cargo.toml exists'] }];
}

/** JUnit under Maven (pom.xml) or Gradle (build.gradle[.kts]); JUnit 5 vs 4 from the dependencies. */
export async function detectJvm(files: WorkspaceFiles, root: string): Promise<DetectedFramework[]> {
  const pom = await files.read(joinPath(root, 'pom.xml'));
  const gradleName = (await files.exists(joinPath(root, 'build.gradle.kts'))) ? 'build.gradle.kts' : 'build.gradle';
  const gradle = pom === undefined ? await files.read(joinPath(root, gradleName)) : undefined;
  const build = pom ?? gradle;
  if (build === undefined) return [];

  const evidence = [pom !== undefined ? 'pom.xml exists' : `${gradleName} exists`];
  let junitVersion: 4 | 5 | undefined;
  if (/junit-jupiter|org\.junit\.jupiter|junit-bom|useJUnitPlatform\(\)/.test(build)) {
    junitVersion = 5;
    evidence.push('the build depends on JUnit 5 (Jupiter)');
  } else if (/<artifactId>junit<\/artifactId>|junit:junit/.test(build)) {
    junitVersion = 4;
    evidence.push('the build depends on JUnit 4');
  }
  const gradleWrapper = gradle !== undefined && (await files.exists(joinPath(root, 'gradlew')));
  return [{
    framework: 'junit',
    root,
    // A build without a JUnit dependency may still get one through a parent POM or a plugin.
    score: junitVersion ? 5 : 1,
    evidence,
    ...(junitVersion ? { junitVersion } : { fallback: true }),
    buildTool: pom !== undefined ? 'maven' : 'gradle',
    ...(gradle !== undefined ? { gradleWrapper } : {}),
  }];
}
