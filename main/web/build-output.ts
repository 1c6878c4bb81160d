import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { WIRE_PATHS } from '../../shared/ipc/wire';
import { metaPolicyOf } from './security';

/** The renderer build or the bridge bundle is not where the server was told to look. */
export class BuildOutputMissingError extends Error {
  constructor(readonly path: string) {
    super(`The browser shell needs ${path}, which is missing: run npm run build first.`);
    this.name = 'BuildOutputMissingError';
  }
}

export interface BuildOutput {
  /** index.html as built, before the token and bridge are added per request. */
  indexHtml: string;
  metaPolicy: string;
  bridgeScript: Buffer;
}

async function readOrExplain(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new BuildOutputMissingError(path);
    throw error;
  }
}

/** Read once at start, so a missing build fails the start-up and not the first page load. */
export async function loadBuildOutput(rendererDir: string, bridgeFile: string): Promise<BuildOutput> {
  const indexHtml = (await readOrExplain(join(rendererDir, 'index.html'))).toString('utf8');
  const bridgeScript = await readOrExplain(bridgeFile);
  const metaPolicy = metaPolicyOf(indexHtml);
  if (metaPolicy === null) throw new Error(`${join(rendererDir, 'index.html')} has no Content-Security-Policy meta.`);
  if (!indexHtml.includes('<script'))
    throw new Error(`${join(rendererDir, 'index.html')} has no script to start the app.`);
  return { indexHtml, metaPolicy, bridgeScript };
}

/**
 * The served page: the token meta and the bridge as a classic (blocking) script before the app's
 * module script, so `window.mail` exists before any app code runs.
 */
export function pageWithBridge(indexHtml: string, token: string): string {
  const at = indexHtml.indexOf('<script');
  const injected =
    `<meta name="letterbox-token" content="${token}" />\n    ` + `<script src="${WIRE_PATHS.bridge}"></script>\n    `;
  return indexHtml.slice(0, at) + injected + indexHtml.slice(at);
}
