import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { GlobalOptions } from './io';

type OptionSpecs = NonNullable<ParseArgsConfig['options']>;

/** Accepted by every command, before or after the command name. */
export const GLOBAL_OPTIONS = {
  profile: { type: 'string' },
  json: { type: 'boolean', default: false },
  yes: { type: 'boolean', short: 'y', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', short: 'V', default: false },
} as const satisfies OptionSpecs;

/** A parsed option: `multiple` options (--to a --to b) come as arrays. */
export type OptionValue = string | boolean | string[] | undefined;

export class UsageError extends Error {
  override name = 'UsageError';
}

export interface ParsedCommandLine {
  command: string | undefined;
  positionals: string[];
  globals: GlobalOptions & { help: boolean; version: boolean };
  values: Record<string, OptionValue>;
}

/**
 * util.parseArgs in strict mode with positionals allowed, so `letterbox --json doctor` and
 * `letterbox doctor --json` mean the same, and an unknown option is an error rather than ignored.
 */
export function parseCommandLine(argv: readonly string[], commandOptions: OptionSpecs = {}): ParsedCommandLine {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { ...GLOBAL_OPTIONS, ...commandOptions },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const values = parsed.values as Record<string, OptionValue>;
  const [command, ...positionals] = parsed.positionals;
  return {
    command,
    positionals,
    values,
    globals: {
      profile: typeof values.profile === 'string' ? values.profile : undefined,
      json: values.json === true,
      yes: values.yes === true,
      help: values.help === true,
      version: values.version === true,
    },
  };
}
