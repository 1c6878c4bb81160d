import { parseArgs } from 'node:util';
import { AppError } from '../../shared/errors';
import { APP_VERSION } from '../version';
import { GLOBAL_OPTIONS, parseCommandLine, UsageError } from './args';
import type { Command, CommandResult } from './command';
import { accountCommand } from './commands/account';
import { doctorCommand } from './commands/doctor';
import { draftCommand } from './commands/draft';
import { messageCommand } from './commands/message';
import { messagesCommand } from './commands/messages';
import { outboxCommand } from './commands/outbox';
import { searchCommand } from './commands/search';
import { sendCommand } from './commands/send';
import { syncCommand } from './commands/sync';
import { watchCommand } from './commands/watch';
import type { CliIo } from './io';

const COMMANDS: readonly Command[] = [
  accountCommand,
  syncCommand,
  watchCommand,
  messagesCommand,
  messageCommand,
  sendCommand,
  outboxCommand,
  draftCommand,
  doctorCommand,
  searchCommand,
];

/** Runs one command line and returns the exit code; never throws, never calls process.exit. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let json = argv.includes('--json');
  try {
    const commandName = peekCommand(argv);
    const command = COMMANDS.find((candidate) => candidate.name === commandName);
    const line = parseCommandLine(argv, command?.options);
    json = line.globals.json;
    if (line.globals.version)
      return print(io, json, { json: { version: APP_VERSION }, text: `letterbox ${APP_VERSION}` });
    if (line.globals.help || commandName === undefined) return print(io, json, usage());
    if (!command) throw new UsageError(`unknown command "${commandName}"`);
    const result = await command.run({ io, globals: line.globals, values: line.values, positionals: line.positionals });
    return print(io, json, result);
  } catch (error) {
    return fail(io, json, error);
  }
}

/** The command is the first positional; options of later commands are not known yet, so parse loosely. */
function peekCommand(argv: readonly string[]): string | undefined {
  const { positionals } = parseArgs({
    args: [...argv],
    options: GLOBAL_OPTIONS,
    allowPositionals: true,
    strict: false,
  });
  return positionals[0];
}

function usage(): CommandResult {
  const commands = COMMANDS.map((command) => `  ${command.name.padEnd(12)}${command.summary}`);
  const text = [
    'Usage: letterbox [--profile DIR] [--json] [--yes] <command> [options]',
    '',
    'Commands:',
    ...commands,
    '',
    'Options (before or after the command):',
    "  --profile DIR  use this profile folder (default: $LETTERBOX_PROFILE, else the app's own)",
    '  --json         print exactly one JSON document on stdout',
    '  --yes, -y      answer yes to confirmations (required when stdin is not a terminal)',
    '  --version, -V  print the version',
  ].join('\n');
  return { json: { commands: COMMANDS.map(({ name, summary }) => ({ name, summary })) }, text };
}

function print(io: CliIo, json: boolean, result: CommandResult): number {
  if (result.printed) return result.exitCode ?? 0;
  io.stdout.write(json ? `${JSON.stringify(result.json)}\n` : `${result.text}\n`);
  return result.exitCode ?? 0;
}

function fail(io: CliIo, json: boolean, error: unknown): number {
  const usageError = error instanceof UsageError;
  const code = error instanceof AppError ? error.code : usageError ? 'usage' : 'internal';
  const message = error instanceof Error ? error.message : String(error);
  const hint = usageError ? ' (see letterbox --help)' : '';
  io.stderr.write(`letterbox: ${oneLine(message)}${hint}\n`);
  if (json) io.stdout.write(`${JSON.stringify({ error: { code, message } })}\n`);
  return usageError ? 2 : 1;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
