import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const REQUIRED = ['out/renderer/index.html', 'out/web/bridge.js'];

/** The e2e tests drive the production build; say how to make it rather than failing obscurely. */
export function assertBuilt(): void {
  const missing = REQUIRED.filter((path) => !existsSync(`${REPO_ROOT}${path}`));
  if (missing.length > 0) {
    throw new Error(
      `${missing.join(' and ')} missing: run npm run build first (npm test builds before running vitest).`,
    );
  }
}
