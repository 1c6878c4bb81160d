import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultProfileDir, ensureProfileDir, resolveProfileDir } from '../../main/platform/profile';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();

describe('profile folder', () => {
  it('matches Electron userData for an app named Letterbox', () => {
    expect(defaultProfileDir({ XDG_CONFIG_HOME: '/x/config' }, 'linux')).toBe('/x/config/Letterbox');
    expect(defaultProfileDir({ APPDATA: 'C:/Users/a/AppData/Roaming' }, 'win32')).toMatch(/Roaming[\\/]Letterbox$/);
    expect(defaultProfileDir({}, 'darwin')).toMatch(/Library\/Application Support\/Letterbox$/);
  });

  it('prefers --profile, then LETTERBOX_PROFILE, then the default', () => {
    expect(resolveProfileDir('/a', { LETTERBOX_PROFILE: '/b' })).toBe('/a');
    expect(resolveProfileDir(undefined, { LETTERBOX_PROFILE: '/b' })).toBe('/b');
    expect(resolveProfileDir(undefined, { XDG_CONFIG_HOME: '/c' })).toBe(defaultProfileDir({ XDG_CONFIG_HOME: '/c' }));
  });

  it('creates a missing folder', () => {
    const dir = join(tempDir(), 'nested', 'profile');
    expect(ensureProfileDir(dir)).toBe(dir);
  });

  it('explains a folder it cannot use, naming it and the way out', () => {
    const file = join(tempDir(), 'a-file');
    writeFileSync(file, '');
    expect(() => ensureProfileDir(join(file, 'profile'))).toThrow(
      expect.objectContaining({ code: 'profile_unwritable', message: expect.stringMatching(/a-file.*--profile/s) }),
    );
  });
});
