// Typechecks each layer with its own tsconfig, so a DOM type in shared/ or a Node module in
// renderer/ is an error. Exits non-zero if any layer fails.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// renderer/tsconfig.node.json covers vite.config.ts, which runs under Node, apart from the page code.
export const PROJECTS = [
  'shared/tsconfig.json',
  'main/tsconfig.json',
  'renderer/tsconfig.json',
  'renderer/tsconfig.node.json',
  'test/tsconfig.json',
];
const root = fileURLToPath(new URL('..', import.meta.url));
const tsc = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url));

export function typecheckProject(project) {
  const result = spawnSync(process.execPath, [tsc, '-p', project, '--pretty'], { cwd: root, stdio: 'inherit' });
  return result.status === 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const failed = PROJECTS.filter((project) => !typecheckProject(project));
  if (failed.length > 0) {
    console.error(`Typecheck failed in: ${failed.join(', ')}`);
    process.exit(1);
  }
}
