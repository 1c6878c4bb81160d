import { z } from 'zod';
import { AccountSchema, type Account } from '../../shared/model/account';
import { DEFAULT_PREFS, PrefsSchema } from '../../shared/model/prefs';

export const WindowStateSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(400).max(20_000),
  height: z.number().int().min(300).max(20_000),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof WindowStateSchema>;

/**
 * The settings file, key by key. Each key is validated on its own, so one damaged key falls back
 * to its default without discarding the others. No secret is ever stored here.
 */
export const SETTINGS_KEYS = {
  accounts: { schema: z.array(AccountSchema), fallback: [] as Account[] },
  prefs: { schema: PrefsSchema, fallback: DEFAULT_PREFS },
  window: { schema: WindowStateSchema.nullable(), fallback: null as WindowState | null },
} as const;

export type SettingsKey = keyof typeof SETTINGS_KEYS;
export type Settings = { [K in SettingsKey]: z.output<(typeof SETTINGS_KEYS)[K]['schema']> };
