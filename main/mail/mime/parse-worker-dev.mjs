// Entry of the parser worker when running from sources; the desktop app runs the bundled
// out/main/parse-worker.js instead (see ../../platform/dev-worker.mjs). postal-mime is ESM only,
// so it is inlined like in that bundle.
import { runWorkerFromSources } from '../../platform/dev-worker.mjs';

runWorkerFromSources(new URL('./parse-worker.ts', import.meta.url));
