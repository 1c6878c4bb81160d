import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The reader's sanitizer and frame helpers as one script that defines `window.LetterboxReader`,
 * so a test can run the very code the renderer ships inside real Chromium.
 */
export async function readerContentBundle(): Promise<string> {
  const result = await build({
    absWorkingDir: root,
    stdin: {
      contents: [
        "export { sanitizeMessageHtml } from './renderer/src/features/reader/content/html-sanitize';",
        "export { frameDocument } from './renderer/src/features/reader/content/frame-document';",
        "export { applyFrameStyles } from './renderer/src/features/reader/content/frame-styles';",
      ].join('\n'),
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    globalName: 'LetterboxReader',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error('esbuild produced no bundle');
  return output.text;
}
