#!/usr/bin/env -S MALLOC_MMAP_THRESHOLD_=131072 node
// The `letterbox` command. It runs the TypeScript sources through tsx so the CLI always matches
// the services in this checkout; the desktop build bundles its own copy.
//
// The fixed mmap threshold is for glibc's malloc (ignored elsewhere): left dynamic, glibc raises
// it to the size of the largest block freed, so after one large message every message below that
// size is allocated in the heap arenas, where a sync's churn of message-sized buffers on four
// threads fragments them (bench:sync, 10,000 messages: peak RSS 286–288 MB without it, 270–272 MB
// with it).
// Electron's main process allocates through Chromium's PartitionAlloc, not glibc.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
});
