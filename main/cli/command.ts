import type { ParseArgsConfig } from 'node:util';
import type { CliIo, GlobalOptions } from './io';

export interface CommandInput {
  io: CliIo;
  globals: GlobalOptions;
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/** What a command produced: `json` is printed for --json, `text` otherwise. */
export interface CommandResult {
  json: unknown;
  text: string;
  exitCode?: number;
}

export interface Command {
  name: string;
  summary: string;
  options?: NonNullable<ParseArgsConfig['options']>;
  run(input: CommandInput): Promise<CommandResult>;
}
