// `npm run web [-- --port N --profile DIR]`: the browser shell over the production renderer build.
import { existsSync } from 'node:fs';
import { register } from 'tsx/esm/api';
import { buildAll, root } from './build.mjs';

if (!existsSync(`${root}/out/renderer/index.html`) || !existsSync(`${root}/out/web/bridge.js`)) await buildAll();
register();
await import('../main/web/main.ts');
