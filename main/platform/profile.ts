import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { AppError } from '../../shared/errors';

export const APP_NAME = 'Letterbox';

/**
 * Electron's `app.getPath('userData')` for an app named Letterbox, computed without Electron so the
 * CLI and the browser shell open the same profile as the desktop app by default.
 */
export function defaultProfileDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_NAME);
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), APP_NAME);
}

/** An explicit --profile wins, then LETTERBOX_PROFILE, then the app's own folder. */
export function resolveProfileDir(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = explicit ?? (env.LETTERBOX_PROFILE || undefined);
  return chosen ? resolve(chosen) : defaultProfileDir(env);
}

/** Creates the folder if needed and proves we can write there, with an error that says what to do. */
export function ensureProfileDir(dir: string): string {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (!statSync(dir).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
    accessSync(dir, constants.W_OK | constants.R_OK);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code ?? 'error';
    throw new AppError(
      'profile_unwritable',
      `Letterbox cannot use the profile folder ${dir} (${code}). ` +
        'Check that it exists and is writable, or choose another with --profile or LETTERBOX_PROFILE.',
      { cause },
    );
  }
  return dir;
}
