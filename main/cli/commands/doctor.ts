import { join } from 'node:path';
import { installedVersion } from '../../platform/package-versions';
import { LATEST_SCHEMA_VERSION } from '../../store/migrations';
import { STORE_FILE } from '../../store/open-store';
import { APP_VERSION } from '../../version';
import type { Command } from '../command';
import { withApp } from '../with-app';

const MAIL_LIBRARIES = ['imapflow', 'nodemailer', 'postal-mime', 'better-sqlite3'] as const;

/** What a user (or a bug report) needs first: which profile, which schema, which secret store, which versions. */
export const doctorCommand: Command = {
  name: 'doctor',
  summary: 'Show the profile, store schema, secret backend and library versions',
  async run({ io, globals }) {
    return withApp(io, globals, async (app) => {
      const report = {
        profileDir: app.profileDir,
        store: {
          path: join(app.profileDir, STORE_FILE),
          schemaVersion: app.ctx.store.schemaVersion,
          latestSchemaVersion: LATEST_SCHEMA_VERSION,
        },
        settings: { path: app.ctx.settings.path },
        secrets: { backend: app.ctx.secrets.backend },
        notices: app.ctx.notices,
        versions: {
          letterbox: APP_VERSION,
          node: process.versions.node,
          sqlite: app.ctx.store.db.get<{ v: string }>('SELECT sqlite_version() AS v')?.v ?? null,
          ...Object.fromEntries(MAIL_LIBRARIES.map((name) => [name, installedVersion(name)])),
        },
      };
      const lines = [
        `Profile:        ${report.profileDir}`,
        `Settings:       ${report.settings.path}`,
        `Store:          ${report.store.path} (schema ${report.store.schemaVersion} of ${report.store.latestSchemaVersion})`,
        `Secret backend: ${report.secrets.backend}`,
        ...Object.entries(report.versions).map(
          ([name, version]) => `${`${name}:`.padEnd(16)}${version ?? 'not found'}`,
        ),
        ...report.notices.map((notice) => `${notice.level.toUpperCase()}: ${notice.message}`),
      ];
      return { json: report, text: lines.join('\n') };
    });
  },
};
