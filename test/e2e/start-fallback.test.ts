import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assertBuilt, REPO_ROOT } from './support/build-output';

const temp = mkdtempSync(join(tmpdir(), 'letterbox-start-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('npm start without an Electron binary', () => {
  it('says so in one line, then starts the browser shell and prints its URL', async () => {
    assertBuilt();
    // An empty dist folder is what an offline install looks like to the electron package.
    const child = spawn(process.execPath, ['scripts/start.mjs', '--port', '0'], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        ELECTRON_OVERRIDE_DIST_PATH: join(temp, 'no-electron'),
        LETTERBOX_PROFILE: join(temp, 'profile'),
        LETTERBOX_SECRETS: 'vault',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    const printed = await new Promise<string[]>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL within 45 s: ${stdout}`)), 45_000);
      child.stdout.on('data', () => {
        const lines = stdout.split('\n').filter(Boolean);
        if (lines.length >= 2) {
          clearTimeout(timer);
          resolve(lines);
        }
      });
      child.on('exit', (code) => reject(new Error(`npm start exited with ${code}: ${stdout}`)));
    });
    try {
      expect(printed[0]).toMatch(
        /^Electron is not available here \(no Electron binary at .+\); starting the browser shell instead\.$/,
      );
      expect(printed[1]).toMatch(/^Letterbox browser shell: http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+$/);
      const url = printed[1]?.split(': ')[1] ?? '';
      expect((await fetch(url)).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
