import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { confirm } from '../../main/cli/confirm';
import { LATEST_SCHEMA_VERSION } from '../../main/store/migrations';
import pkg from '../../package.json' with { type: 'json' };
import { runCli } from '../support/cli';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();

describe('letterbox CLI', () => {
  it('prints its version', async () => {
    expect(await runCli(['--version'])).toEqual({ code: 0, stdout: `letterbox ${pkg.version}\n`, stderr: '' });
  });

  it('doctor --json prints exactly one JSON document with the profile, schema, backend and versions', async () => {
    const profile = tempDir();
    const run = await runCli(['doctor', '--json', '--profile', profile]);
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({
      profileDir: profile,
      store: { schemaVersion: LATEST_SCHEMA_VERSION, latestSchemaVersion: LATEST_SCHEMA_VERSION },
      secrets: { backend: 'file-vault' },
      versions: { letterbox: pkg.version, node: process.versions.node },
    });
    for (const library of ['imapflow', 'nodemailer', 'postal-mime', 'better-sqlite3', 'sqlite']) {
      expect(report.versions[library]).toMatch(/^\d+\.\d+\.\d+/);
    }
  });

  it('accepts global options before the command and reads LETTERBOX_PROFILE', async () => {
    const profile = tempDir();
    const before = await runCli(['--json', '--profile', profile, 'doctor']);
    expect(JSON.parse(before.stdout).profileDir).toBe(profile);
    const fromEnv = await runCli(['--json', 'doctor'], { LETTERBOX_PROFILE: profile });
    expect(JSON.parse(fromEnv.stdout).profileDir).toBe(profile);
  });

  it('prints human-readable doctor output without --json', async () => {
    const run = await runCli(['doctor', '--profile', tempDir()]);
    expect(run.stdout).toMatch(/^Profile: +\//m);
    expect(run.stdout).toMatch(/^Secret backend: file-vault$/m);
  });

  it('fails an unknown command or option with one line on stderr and exit code 2', async () => {
    for (const argv of [['frobnicate'], ['doctor', '--frobnicate']]) {
      const run = await runCli(argv);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(/^letterbox: .*letterbox --help/);
    }
  });

  it('reports an unusable profile in one line, and as one JSON document with --json', async () => {
    const file = join(tempDir(), 'file');
    writeFileSync(file, '');
    const run = await runCli(['doctor', '--json', '--profile', join(file, 'p')]);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ error: { code: 'profile_unwritable' } });
  });

  // A child process that compiles the CLI with tsx: seconds on a busy machine.
  it('runs as an executable (`npx letterbox`) through its bin entry', { timeout: 30_000 }, async () => {
    const bin = new URL('../../main/cli/bin.mjs', import.meta.url).pathname;
    // Run as the shell runs it: through the shebang line (env -S, glibc's malloc setting, node).
    const { stdout } = await promisify(execFile)(bin, ['--json', 'doctor', '--profile', tempDir()], {
      env: { ...process.env, LETTERBOX_SECRETS: 'vault' },
    });
    expect(JSON.parse(stdout).store.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
  });
});

describe('confirm', () => {
  const io = () => ({
    stdout: new PassThrough(),
    stderr: new PassThrough(),
    stdin: Object.assign(new PassThrough(), { isTTY: false }),
    env: {},
  });

  it('is answered by --yes without reading stdin', async () => {
    expect(await confirm('Delete?', io(), { yes: true, json: false, profile: undefined })).toBe(true);
  });

  it('refuses at once, without hanging, when stdin is not a terminal', async () => {
    await expect(confirm('Delete?', io(), { yes: false, json: false, profile: undefined })).rejects.toThrow(/--yes/);
  });
});
