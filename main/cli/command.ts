import type { ParseArgsConfig } from 'node:util';
import type { OptionValue } from './args';
import type { CliIo, GlobalOptions } from './io';

export interface CommandInput {
  io: CliIo;
  globals: GlobalOptions;
  values: Record<string, OptionValue>;
  positionals: string[];
}

/** What a command produced: `json` is printed for --json, `text` otherwise. */
export interface CommandResult {
  json: unknown;
  text: string;
  exitCode?: number;
  /** The command already wrote its output itself (raw bytes that must not get a newline). */
  printed?: boolean;
}

export interface Command {
  name: string;
  summary: string;
  options?: NonNullable<ParseArgsConfig['options']>;
  run(input: CommandInput): Promise<CommandResult>;
}
