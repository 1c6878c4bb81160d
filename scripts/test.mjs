// `npm test`: build, lint, format check, per-layer typecheck, then unit + integration + e2e tests
// (vitest), and one closing line `N passed, N failed`. Each non-vitest step counts as one check.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PROJECTS, typecheckProject } from './typecheck.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name) => fileURLToPath(new URL(`../node_modules/.bin/${name}`, import.meta.url));
const report = `${root}.tmp/vitest-report.json`;
const extra = process.argv.slice(2);

let passed = 0;
let failed = 0;

function step(name, command, args) {
  console.log(`\n▶ ${name}`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  const ok = result.status === 0;
  console.log(`${ok ? '✔' : '✘'} ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return ok;
}

function check(name, command, args) {
  if (step(name, command, args)) passed += 1;
  else failed += 1;
}

check('build', process.execPath, ['scripts/build.mjs']);
check('lint', bin('eslint'), ['-c', 'scripts/eslint.config.js', '--max-warnings', '0', '.']);
check('format', bin('prettier'), ['--check', '--log-level', 'warn', '.']);
for (const project of PROJECTS) {
  console.log(`\n▶ typecheck ${project}`);
  if (typecheckProject(project)) passed += 1;
  else failed += 1;
}

mkdirSync(`${root}.tmp`, { recursive: true });
rmSync(report, { force: true });
step('tests (unit, integration, e2e)', bin('vitest'), [
  'run',
  '--config',
  'test/vitest.config.ts',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...extra,
]);
try {
  const results = JSON.parse(readFileSync(report, 'utf8'));
  passed += results.numPassedTests;
  failed += results.numFailedTests;
  // A suite that failed to load has no tests to count but is still a failure.
  failed += results.testResults.filter(
    (suite) => suite.status === 'failed' && suite.assertionResults.length === 0,
  ).length;
  if (results.numTotalTests === 0) failed += 1;
} catch {
  console.error('The test run produced no report; counting it as one failure.');
  failed += 1;
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
