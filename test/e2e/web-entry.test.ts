import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt } from './support/build-output';
import { runWebShell, startWebShellProcess } from './support/web-shell-process';

let profileDir: string;

beforeAll(() => {
  assertBuilt();
  profileDir = mkdtempSync(join(tmpdir(), 'letterbox-entry-'));
});

afterAll(() => rmSync(profileDir, { recursive: true, force: true }));

const vault = { LETTERBOX_SECRETS: 'vault' };

describe('npm run web (main/web/main.ts)', () => {
  it('prints exactly one line, the URL, and stops cleanly on Ctrl-C', async () => {
    const shell = await startWebShellProcess(['--port', '0', '--profile', profileDir], vault);
    const page = await fetch(shell.url);
    expect(page.status).toBe(200);
    expect(await shell.stop('SIGINT')).toBe(0);
    expect(shell.stdout()).toBe(`Letterbox browser shell: ${shell.url}\n`);
    await expect(fetch(shell.url)).rejects.toThrow();
  });

  it('exits 1 with one clear line when the port is taken', async () => {
    const first = await startWebShellProcess(['--port', '0', '--profile', profileDir], vault);
    try {
      const port = new URL(first.url).port;
      const second = await runWebShell(['--port', port, '--profile', profileDir], vault);
      expect(second.code).toBe(1);
      expect(second.stdout).toBe('');
      expect(second.stderr.trim()).toBe(
        `letterbox web: could not start: port ${port} on 127.0.0.1 is already in use; choose another with --port N (0 picks a free one).`,
      );
    } finally {
      await first.stop();
    }
  });

  it('exits 1 on a bad command line', async () => {
    const badPort = await runWebShell(['--port', 'eighty', '--profile', profileDir], vault);
    expect(badPort.code).toBe(1);
    expect(badPort.stderr).toContain('--port must be a number from 0 to 65535');
    const unknown = await runWebShell(['--verbose'], vault);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.trim()).toBe(
      "letterbox web: Unknown option '--verbose'. Usage: npm run web -- [--port N] [--profile DIR]",
    );
  });
});
