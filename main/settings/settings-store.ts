import { copyFileSync, renameSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Notice } from '../../shared/model/notice';
import { SETTINGS_KEYS, type Settings, type SettingsKey } from './schema';

/** The part of conf / electron-store (same engine) that we use. */
export interface ConfLike {
  readonly path: string;
  readonly store: Record<string, unknown>;
  set(key: string, value: unknown): void;
}

export interface SettingsStore {
  readonly path: string;
  get<K extends SettingsKey>(key: K): Settings[K];
  set<K extends SettingsKey>(key: K, value: Settings[K]): void;
}

export interface OpenedSettings {
  settings: SettingsStore;
  notices: Notice[];
}

/**
 * Opens settings so that a damaged file never stops the app and is never silently lost: an
 * unreadable file is moved aside and the app starts with defaults; a readable file with a bad key
 * is copied aside and only that key falls back. Either way the user is told where the original is.
 */
export function openSettings(open: () => ConfLike, filePath: string, now = new Date()): OpenedSettings {
  const notices: Notice[] = [];
  let conf: ConfLike;
  let raw: Record<string, unknown>;
  try {
    conf = open();
    raw = conf.store;
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    const kept = asideName(filePath, 'corrupt', now);
    renameSync(filePath, kept);
    notices.push({
      level: 'warning',
      code: 'settings_recovered',
      message: `Your settings file could not be read, so Letterbox started with default settings. The original was kept as ${kept}.`,
    });
    conf = open();
    raw = conf.store;
  }

  const values = {} as Settings;
  const badKeys: SettingsKey[] = [];
  for (const key of Object.keys(SETTINGS_KEYS) as SettingsKey[]) {
    const spec = SETTINGS_KEYS[key];
    if (!(key in raw)) {
      (values as Record<SettingsKey, unknown>)[key] = spec.fallback;
      continue;
    }
    const parsed = spec.schema.safeParse(raw[key]);
    if (parsed.success) (values as Record<SettingsKey, unknown>)[key] = parsed.data;
    else {
      badKeys.push(key);
      (values as Record<SettingsKey, unknown>)[key] = spec.fallback;
    }
  }
  if (badKeys.length > 0) {
    const kept = asideName(conf.path, 'invalid', now);
    copyFileSync(conf.path, kept);
    for (const key of badKeys) conf.set(key, values[key]);
    notices.push({
      level: 'warning',
      code: 'settings_recovered',
      message: `Some settings (${badKeys.join(', ')}) were not valid and were reset to defaults. The original file was kept as ${kept}.`,
    });
  }

  return {
    notices,
    settings: {
      path: conf.path,
      get: (key) => values[key],
      set: (key, value) => {
        const checked = SETTINGS_KEYS[key].schema.parse(value) as Settings[typeof key];
        conf.set(key, checked);
        values[key] = checked;
      },
    },
  };
}

function asideName(filePath: string, kind: string, now: Date): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  return join(dirname(filePath), `${basename(filePath, '.json')}.${kind}-${stamp}.json`);
}
