// Entry of the parser worker when running from sources (tests, the CLI, the browser shell): a
// worker thread does not inherit the parent's tsx hooks, and Node 20 workers ignore
// `execArgv: ['--import', 'tsx']`, so the worker registers tsx itself. The desktop app never loads
// this file; it runs the bundled out/main/parse-worker.js.
import { register } from 'tsx/esm/api';

register();
await import('./parse-worker.ts');
