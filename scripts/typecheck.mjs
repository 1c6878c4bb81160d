// Typechecks each layer with its own tsconfig, so a DOM type in shared/ or a Node module in
// renderer/ is an error. Exits non-zero if any layer fails.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const LAYERS = ['shared', 'main', 'renderer', 'test'];
const root = fileURLToPath(new URL('..', import.meta.url));
const tsc = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url));

export function typecheckLayer(layer) {
  const result = spawnSync(process.execPath, [tsc, '-p', `${layer}/tsconfig.json`, '--pretty'], { cwd: root, stdio: 'inherit' });
  return result.status === 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const failed = LAYERS.filter((layer) => !typecheckLayer(layer));
  if (failed.length > 0) {
    console.error(`Typecheck failed in: ${failed.join(', ')}`);
    process.exit(1);
  }
}
