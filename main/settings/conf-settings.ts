import Conf from 'conf';
import { join } from 'node:path';
import { openSettings, type OpenedSettings } from './settings-store';

export const SETTINGS_FILE = 'settings.json';

/** Settings under plain Node (CLI, browser shell): `conf`, the engine electron-store wraps, same file. */
export function openConfSettings(profileDir: string): OpenedSettings {
  return openSettings(
    () => new Conf<Record<string, unknown>>({ cwd: profileDir, configName: 'settings', clearInvalidConfig: false }),
    join(profileDir, SETTINGS_FILE),
  );
}
