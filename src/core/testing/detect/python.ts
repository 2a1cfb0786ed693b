import { findFiles } from '../findFiles';
import { joinPath, type WorkspaceFiles } from '../workspaceFiles';
import { EvidenceBoard, type DetectedFramework } from './evidence';

const projectMarkers = ['pyproject.toml', 'setup.py', 'setup.cfg', 'tox.ini', 'pytest.ini', 'requirements.txt', 'requirements-dev.txt', 'Pipfile'];

/** pytest and unittest, from the config files that configure pytest and from the existing tests. */
export async function detectPython(files: WorkspaceFiles, root: string): Promise<DetectedFramework[]> {
  const texts = new Map<string, string>();
  for (const name of projectMarkers) {
    const text = await files.read(joinPath(root, name));
    if (text !== undefined) texts.set(name, text);
  }
  const board = new EvidenceBoard(root);
  const text = (name: string): string => texts.get(name) ?? '';

  if (texts.has('pytest.ini')) board.add('pytest', 4, 'pytest.ini exists');
  if (/^\[tool\.pytest\.ini_options\]/m.test(text('pyproject.toml'))) board.add('pytest', 4, 'pyproject.toml has [tool.pytest.ini_options]');
  if (/^\[tool:pytest\]/m.test(text('setup.cfg'))) board.add('pytest', 4, 'setup.cfg has [tool:pytest]');
  if (/^\[pytest\]/m.test(text('tox.ini'))) board.add('pytest', 4, 'tox.ini has [pytest]');
  for (const conftest of ['conftest.py', 'tests/conftest.py', 'test/conftest.py']) {
    if (await files.exists(joinPath(root, conftest))) board.add('pytest', 3, `${conftest} exists`, 'conftest');
  }
  for (const [name, content] of texts) {
    if (/(^|[\s"'[,=])pytest\b/m.test(content) && name !== 'pytest.ini') board.add('pytest', 2, `${name} mentions pytest`, 'mentions');
    if (/-m\s+unittest\b/.test(content)) board.add('unittest', 3, `${name} runs python -m unittest`, 'runs');
  }

  const tests = await findFiles(files, (p) => /(^|\/)(test_[^/]*|[^/]*_test)\.py$/.test(p), { dir: root, maxResults: 20 });
  for (const path of tests) {
    const content = (await files.read(path)) ?? '';
    if (/^\s*(import pytest|from pytest\b)/m.test(content)) board.add('pytest', 3, `existing tests import pytest (${path})`, 'imports');
    if (/\bunittest\.TestCase\b|^\s*from unittest import\b.*\bTestCase\b/m.test(content)) board.add('unittest', 2, `existing tests subclass unittest.TestCase (${path})`, 'testcase');
    else if (/^def test_\w+\(/m.test(content)) board.add('pytest', 1, `existing tests are plain test functions (${path})`, 'functions');
  }

  const results = board.results();
  if (results.length || (!texts.size && !tests.length)) return results;
  // A Python project with no sign of pytest: unittest needs nothing installed.
  return [{ framework: 'unittest', root, score: 0.5, evidence: ['no test runner configured; unittest is in the standard library'], fallback: true }];
}
