// `npm start`: build, then launch the desktop app. Where the Electron binary cannot be had (an
// offline install, a build machine) say so in one line and start the browser shell instead.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { buildIfStale, root } from './build.mjs';

await buildIfStale();
const electron = findElectron();
if (electron.path) {
  const child = spawn(electron.path, ['.', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
} else {
  console.log(`Electron is not available here (${electron.reason}); starting the browser shell instead.`);
  await import('./web.mjs');
}

/** require('electron') downloads the binary on first use; run it apart so its noise and failure stay contained. */
function findElectron() {
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
    cwd: root,
    encoding: 'utf8',
    timeout: 180_000,
  });
  if (probe.status === 0 && probe.stdout) {
    return existsSync(probe.stdout) ? { path: probe.stdout } : { reason: `no Electron binary at ${probe.stdout}` };
  }
  if (probe.error) return { reason: `could not look for the Electron binary: ${probe.error.message}` };
  // The electron package's own message tells a developer to reinstall; the user needs the cause.
  const network = /fetch failed|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT/.test(probe.stderr ?? '');
  return {
    reason: network ? 'the Electron binary could not be downloaded' : 'the Electron binary could not be installed',
  };
}
