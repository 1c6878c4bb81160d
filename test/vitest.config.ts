import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Run from the repo root: npx vitest run --config test/vitest.config.ts [--project unit|integration|e2e]
const root = fileURLToPath(new URL('..', import.meta.url));

// Named by both server-backed projects; it starts the servers once per run however many
// projects use it (see the comment at the top of global-setup.ts). Deliberately not a root-level
// `globalSetup`: that would start Dovecot for unit-only runs too.
const mailServers = './test/support/global-setup.ts';

export default defineConfig({
  root,
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: [mailServers],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: [mailServers],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // One browser-driven app at a time: they share the mail users and the machine's CPU.
          fileParallelism: false,
        },
      },
    ],
  },
});
