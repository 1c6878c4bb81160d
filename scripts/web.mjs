// `npm run web [-- --port N --profile DIR]`: the browser shell over the production renderer build.
import { register } from 'tsx/esm/api';
import { buildIfStale } from './build.mjs';

await buildIfStale();
register();
await import('../main/web/main.ts');
