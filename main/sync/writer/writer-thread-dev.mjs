// Entry of the sync writer thread when running from sources; the desktop app runs the bundled
// out/main/sync-writer.js instead (see ../../platform/dev-worker.mjs).
import { runWorkerFromSources } from '../../platform/dev-worker.mjs';

runWorkerFromSources(new URL('./writer-thread.ts', import.meta.url), { external: true });
