#!/usr/bin/env node
// Runs as `npm pretest` and before the benches that start a mail server (`prebench:sync`, …):
// the integration and e2e tests and those benches need a real Dovecot (IMAP + POP3), openssl
// (the per-run test CA) and, for the e2e tests, Chromium. Fresh CI machines have none of them, so as root
// this installs what is missing from Debian's archive; otherwise it names the command to run.
// Quiet and fast when everything is already there.
import { spawnSync } from 'node:child_process';

const PACKAGES = ['dovecot-imapd', 'dovecot-pop3d', 'chromium', 'openssl', 'dnsmasq-base'];

function fail(message) {
  process.stderr.write(`ensure-system-deps: ${message}\n`);
  process.exit(1);
}

/** The packages from `names` that dpkg does not report as installed. */
function missingPackages(names) {
  const query = spawnSync('dpkg-query', ['-W', '-f=${Package}\\t${Status}\\n', ...names], { encoding: 'utf8' });
  if (query.error) {
    fail(
      `cannot run dpkg-query (${query.error.message}); this check needs Debian/Ubuntu. Install ${names.join(' ')} yourself.`,
    );
  }
  // Unknown packages make dpkg-query exit 1 and print nothing for them on stdout: absent = missing.
  const installed = new Set(
    query.stdout
      .split('\n')
      .map((line) => line.split('\t'))
      .filter(([, status]) => status === 'install ok installed')
      .map(([name]) => name),
  );
  return names.filter((name) => !installed.has(name));
}

function runStreaming(command, args) {
  process.stderr.write(`ensure-system-deps: ${command} ${args.join(' ')}\n`);
  const result = spawnSync(command, args, {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.error) fail(`${command} could not be started: ${result.error.message}`);
  if (result.status !== 0)
    fail(`${command} ${args.join(' ')} failed (${result.signal ?? `exit code ${result.status}`})`);
}

const missing = missingPackages(PACKAGES);
if (missing.length === 0) process.exit(0);

const installArgs = ['install', '-y', '--no-install-recommends', ...missing];
if (process.getuid?.() !== 0) {
  fail(
    `missing system packages: ${missing.join(' ')}. Run: sudo apt-get update && sudo apt-get ${installArgs.join(' ')}`,
  );
}

process.stderr.write(`ensure-system-deps: installing ${missing.join(' ')}\n`);
runStreaming('apt-get', ['update']);
runStreaming('apt-get', installArgs);
const stillMissing = missingPackages(missing);
if (stillMissing.length > 0) fail(`still not installed after apt-get: ${stillMissing.join(' ')}`);
