import { randomUUID } from 'node:crypto';
import { listAccounts, removeAccount } from '../../../services/accounts';
import { SetupRequests, verify } from '../../../services/setup';
import { UsageError } from '../../args';
import type { Command, CommandInput, CommandResult } from '../../command';
import { confirm } from '../../confirm';
import { withApp } from '../../with-app';
import { addAccount } from './add';
import { findAccount } from './find-account';
import { formatVerify } from './format';

const SUBCOMMANDS: Record<string, (input: CommandInput) => Promise<CommandResult>> = {
  add: addAccount,
  list: listCommand,
  test: testCommand,
  remove: removeCommand,
};

export const accountCommand: Command = {
  name: 'account',
  summary: 'Add, list, test or remove accounts (account add|list|test NAME|remove NAME)',
  options: {
    email: { type: 'string' },
    name: { type: 'string' },
    'display-name': { type: 'string' },
    imap: { type: 'string' },
    pop3: { type: 'string' },
    'incoming-security': { type: 'string' },
    smtp: { type: 'string' },
    'smtp-security': { type: 'string' },
    user: { type: 'string' },
    'password-stdin': { type: 'boolean', default: false },
    'trust-fingerprint': { type: 'string' },
    auto: { type: 'boolean', default: false },
  },
  run(input) {
    const [sub, ...rest] = input.positionals;
    const handler = sub === undefined ? undefined : SUBCOMMANDS[sub];
    if (!handler) throw new UsageError(`account needs one of: ${Object.keys(SUBCOMMANDS).join(', ')}`);
    return handler({ ...input, positionals: rest });
  },
};

async function listCommand({ io, globals }: CommandInput): Promise<CommandResult> {
  return withApp(io, globals, async (app) => {
    const accounts = app.ctx.settings.get('accounts');
    const lines = accounts.map(
      (a) =>
        `${a.displayName}  <${a.identities[0]?.address}>  ${a.incoming.protocol.toUpperCase()} ${a.incoming.host}:${a.incoming.port}  SMTP ${a.outgoing.host}:${a.outgoing.port}  ${a.id}`,
    );
    return { json: { accounts: listAccounts(app.ctx) }, text: lines.length > 0 ? lines.join('\n') : 'No accounts.' };
  });
}

async function testCommand({ io, globals, positionals }: CommandInput): Promise<CommandResult> {
  return withApp(io, globals, async (app) => {
    const account = findAccount(app.ctx.settings.get('accounts'), positionals[0]);
    const result = await verify(app.ctx, new SetupRequests(), {
      requestId: randomUUID(),
      account,
      password: null,
      outgoingPassword: null,
    });
    const results = [result.incoming, result.outgoing];
    const failed = results.find((r) => !r.ok);
    if (failed) io.stderr.write(`letterbox: ${failed.failure?.message ?? 'verification failed'}\n`);
    return {
      json: { ok: !failed, verification: results },
      text: results.map(formatVerify).join('\n'),
      exitCode: failed ? 1 : 0,
    };
  });
}

async function removeCommand({ io, globals, positionals }: CommandInput): Promise<CommandResult> {
  return withApp(io, globals, async (app) => {
    const account = findAccount(app.ctx.settings.get('accounts'), positionals[0]);
    const ok = await confirm(
      `Remove "${account.displayName}" with its downloaded mail and saved passwords?`,
      io,
      globals,
    );
    if (!ok) return { json: { removed: false }, text: 'Nothing removed.', exitCode: 1 };
    const { removedMessages } = await removeAccount(app.ctx, account.id);
    return {
      json: { removed: true, id: account.id, removedMessages },
      text: `Removed "${account.displayName}" and ${removedMessages} downloaded messages.`,
    };
  });
}
