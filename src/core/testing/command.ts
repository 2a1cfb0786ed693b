import type { DetectedFramework } from './detect/evidence';
import { pathArgument, shellQuote, type ShellKind } from './shellQuote';
import { dirName, joinPath, relativeTo, type WorkspaceFiles } from './workspaceFiles';

export interface TestCommand {
  /** The command line, for the given shell. */
  command: string;
  /** Where to run it: the project folder (workspace-relative, '' = root). */
  cwd: string;
  /** True when it runs only the given test file (or the smallest unit containing it). */
  narrowed: boolean;
}

export interface CommandOptions {
  shell?: ShellKind;
  /** The Python interpreter; default python3 (python on Windows shells). */
  python?: string;
}

/**
 * The command that runs the project's tests, narrowed to `testFile` (workspace-relative) where
 * the framework allows: a file for the JS and Python runners, a package for Go, a test target or
 * module for cargo, a class for JUnit.
 */
export async function testCommand(files: WorkspaceFiles, detected: DetectedFramework, testFile?: string, options: CommandOptions = {}): Promise<TestCommand> {
  const shell = options.shell ?? 'posix';
  const cwd = detected.root;
  const rel = testFile !== undefined ? relativeTo(cwd, testFile) : undefined;
  const arg = (path: string): string => pathArgument(path, shell);
  const python = options.python ?? (shell === 'posix' ? 'python3' : 'python');
  const result = (whole: string, narrowed?: string): TestCommand => ({ command: narrowed ?? whole, cwd, narrowed: narrowed !== undefined });

  switch (detected.framework) {
    case 'jest':
      return result('npx jest', rel && `npx jest --runTestsByPath ${arg(rel)}`);
    case 'vitest':
      return result('npx vitest run', rel && `npx vitest run ${arg(rel)}`);
    case 'mocha':
      return result('npx mocha', rel && `npx mocha ${arg(rel)}`);
    case 'node-test':
      // Node 20 runs only JavaScript; TypeScript tests go through tsx.
      return result('node --test', rel && (/\.[cm]?tsx?$/.test(rel) ? `npx tsx --test ${arg(rel)}` : `node --test ${arg(rel)}`));
    case 'pytest':
      return result(`${python} -m pytest`, rel && `${python} -m pytest ${arg(rel)}`);
    case 'unittest':
      return result(`${python} -m unittest`, rel && `${python} -m unittest ${arg(rel)}`);
    case 'go': {
      // Go narrows to a package, not a file.
      const dir = rel !== undefined ? dirName(rel) : undefined;
      return result('go test ./...', dir !== undefined ? `go test ${arg(dir ? `./${dir}` : '.')}` : undefined);
    }
    case 'cargo':
      return result('cargo test', rel && (await cargoNarrowed(files, cwd, rel, shell)));
    case 'junit':
      return result(await jvmWhole(files, detected, shell), rel && (await jvmNarrowed(files, detected, rel, shell)));
  }
}

/** tests/x.rs -> --test x; src/a/b.rs -> the a::b:: tests of the library (or binaries). */
async function cargoNarrowed(files: WorkspaceFiles, cwd: string, rel: string, shell: ShellKind): Promise<string | undefined> {
  const integration = /^tests\/([^/]+)\.rs$/.exec(rel);
  if (integration?.[1]) return `cargo test --test ${shellQuote(integration[1], shell)}`;
  const module = /^src\/(.+)\.rs$/.exec(rel)?.[1];
  if (!module) return undefined;
  if (module === 'main' || module.startsWith('bin/')) return 'cargo test --bins';
  const target = (await files.exists(joinPath(cwd, 'src/lib.rs'))) ? '--lib' : '--bins';
  if (module === 'lib') return `cargo test ${target}`;
  const path = module.replace(/\/mod$/, '').split('/').join('::');
  return `cargo test ${target} ${shellQuote(`${path}::`, shell)}`;
}

async function jvmWhole(files: WorkspaceFiles, detected: DetectedFramework, shell: ShellKind): Promise<string> {
  if (detected.buildTool === 'gradle') return `${gradle(detected, shell)} test`;
  return `${await maven(files, detected.root, shell)} test`;
}

/** Maven: -Dtest=<Class>; Gradle: --tests <package.Class>. */
async function jvmNarrowed(files: WorkspaceFiles, detected: DetectedFramework, rel: string, shell: ShellKind): Promise<string | undefined> {
  const match = /(?:^|\/)src\/test\/(?:java|kotlin|groovy|scala)\/(.+)\.(?:java|kt|groovy|scala)$/.exec(rel);
  if (!match?.[1]) return undefined;
  const className = match[1].split('/').join('.');
  if (detected.buildTool === 'gradle') return `${gradle(detected, shell)} test --tests ${shellQuote(className, shell)}`;
  return `${await maven(files, detected.root, shell)} test ${shellQuote(`-Dtest=${className.split('.').pop() ?? className}`, shell)}`;
}

async function maven(files: WorkspaceFiles, root: string, shell: ShellKind): Promise<string> {
  if (!(await files.exists(joinPath(root, 'mvnw')))) return 'mvn';
  return shell === 'posix' ? './mvnw' : shell === 'powershell' ? '.\\mvnw.cmd' : 'mvnw.cmd';
}

function gradle(detected: DetectedFramework, shell: ShellKind): string {
  if (!detected.gradleWrapper) return 'gradle';
  return shell === 'posix' ? './gradlew' : shell === 'powershell' ? '.\\gradlew.bat' : 'gradlew.bat';
}
