#!/usr/bin/env node
// The `letterbox` command. It runs the TypeScript sources through tsx so the CLI always matches
// the services in this checkout; the desktop build bundles its own copy.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
});
