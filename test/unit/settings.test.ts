import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openConfSettings, SETTINGS_FILE } from '../../main/settings/conf-settings';
import { channelExamples } from '../../shared/ipc/examples';
import { DEFAULT_PREFS } from '../../shared/model/prefs';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();
const account = channelExamples['accounts:get'].output;

describe('settings', () => {
  it('start with defaults and persist changes to settings.json', () => {
    const dir = tempDir();
    const first = openConfSettings(dir);
    expect(first.notices).toEqual([]);
    expect(first.settings.get('prefs')).toEqual(DEFAULT_PREFS);
    first.settings.set('accounts', [account]);
    first.settings.set('prefs', {
      layout: 'stacked',
      paneSizes: [200, 500],
      undoSendSeconds: 5,
      signaturePlacement: 'above',
      remoteContentSenders: ['news@example.org'],
      listHeight: 320,
    });
    const again = openConfSettings(dir).settings;
    expect(again.get('accounts')).toEqual([account]);
    expect(again.get('prefs')).toEqual({
      layout: 'stacked',
      paneSizes: [200, 500],
      undoSendSeconds: 5,
      signaturePlacement: 'above',
      remoteContentSenders: ['news@example.org'],
      listHeight: 320,
    });
    expect(JSON.parse(readFileSync(join(dir, SETTINGS_FILE), 'utf8')).accounts[0].identities[0].address).toBe(
      'ada@example.com',
    );
  });

  it('move an unreadable file aside, start with defaults and say where the original is', () => {
    const dir = tempDir();
    const damaged = '{"accounts": [ {"id": "a1", truncated';
    writeFileSync(join(dir, SETTINGS_FILE), damaged);
    const { settings, notices } = openConfSettings(dir);
    expect(settings.get('accounts')).toEqual([]);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ level: 'warning', code: 'settings_recovered' });
    const kept = readdirSync(dir).find((name) => name.startsWith('settings.corrupt-'));
    expect(kept).toBeDefined();
    expect(readFileSync(join(dir, kept ?? ''), 'utf8')).toBe(damaged);
    expect(notices[0]?.message).toContain(kept);
  });

  it('reset only the invalid key, keep the others, and keep a copy of the original', () => {
    const dir = tempDir();
    const original = JSON.stringify({ accounts: [account], prefs: { layout: 'diagonal' } });
    writeFileSync(join(dir, SETTINGS_FILE), original);
    const { settings, notices } = openConfSettings(dir);
    expect(settings.get('accounts')).toEqual([account]);
    expect(settings.get('prefs')).toEqual(DEFAULT_PREFS);
    expect(notices[0]?.message).toMatch(/prefs/);
    const kept = readdirSync(dir).find((name) => name.startsWith('settings.invalid-'));
    expect(readFileSync(join(dir, kept ?? 'missing'), 'utf8')).toBe(original);
  });

  it('refuse to store a value that breaks the schema, keeping the old one', () => {
    const dir = tempDir();
    const { settings } = openConfSettings(dir);
    expect(() => settings.set('prefs', { layout: 'diagonal' } as never)).toThrow();
    expect(settings.get('prefs')).toEqual(DEFAULT_PREFS);
    expect(existsSync(join(dir, SETTINGS_FILE))).toBe(false);
  });
});
