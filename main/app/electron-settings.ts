import ElectronStore from 'electron-store';
import { join } from 'node:path';
import { SETTINGS_FILE } from '../settings/conf-settings';
import { openSettings, type OpenedSettings } from '../settings/settings-store';

/** electron-store over the same file and recovery rules as conf under plain Node. */
export function openElectronSettings(profileDir: string): OpenedSettings {
  return openSettings(
    () => new ElectronStore<Record<string, unknown>>({ cwd: profileDir, name: 'settings', clearInvalidConfig: false }),
    join(profileDir, SETTINGS_FILE),
  );
}
