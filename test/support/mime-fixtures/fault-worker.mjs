// The real parser worker with faults on demand, for the pool tests: a message whose first bytes
// carry `X-Test-Fault: hang|crash|exit|oom` wedges or kills this thread before the real handler
// (registered after this one) sees it. Everything else is parsed as usual.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
parentPort?.on('message', ({ raw }) => {
  const head = Buffer.from(raw.buffer, raw.byteOffset, Math.min(raw.byteLength, 200)).toString('latin1');
  const fault = /X-Test-Fault: (\w+)/.exec(head)?.[1];
  if (fault === 'hang') for (;;);
  if (fault === 'crash') throw new Error('injected crash');
  if (fault === 'exit') process.exit(3);
  if (fault === 'oom') {
    const hoard = [];
    for (;;) hoard.push(new Array(1e6).fill(hoard.length));
  }
});
await import('../../../main/mail/mime/parse-worker.ts');
