import { AppError } from '../../../shared/errors';
import { downloadBody } from '../../services/download-body';
import { readRawMessage } from '../../services/sync';
import { getSyncedMessage, type MessageDetail } from '../../services/sync-messages';
import { UsageError } from '../args';
import type { Command } from '../command';
import { withApp } from '../with-app';

export const messageCommand: Command = {
  name: 'message',
  summary: 'Show one message (message show ID [--raw] [--download])',
  options: { raw: { type: 'boolean', default: false }, download: { type: 'boolean', default: false } },
  async run({ io, globals, values, positionals }) {
    const [sub, id] = positionals;
    if (sub !== 'show' || !id) throw new UsageError('message needs: show ID');
    return withApp(io, globals, async (app) => {
      // --download fetches a body sync left on the server (too large, or older than the window).
      const message =
        values.download === true ? await downloadBody(app.ctx, id) : getSyncedMessage(app.ctx.store.db, id);
      if (values.raw !== true) return { json: { message }, text: formatMessage(message) };
      const raw = message.rawHash === null ? null : await readRawMessage(app.ctx, message.rawHash);
      if (!raw) {
        throw new AppError(
          'not_found',
          `The body of ${id} is not downloaded (${message.bodyState}); add --download to fetch it now.`,
        );
      }
      // Exactly the server's bytes: no newline added, no JSON wrapping.
      await new Promise<void>((resolve, reject) =>
        io.stdout.write(raw, (error) => (error ? reject(error) : resolve())),
      );
      return { json: null, text: '', printed: true };
    });
  },
};

function formatMessage(m: MessageDetail): string {
  const list = (people: MessageDetail['to']) =>
    people.map((p) => (p.name ? `${p.name} <${p.address}>` : p.address)).join(', ');
  const lines = [
    `From:    ${m.from ?? ''}`,
    `To:      ${list(m.to)}`,
    ...(m.cc.length > 0 ? [`Cc:      ${list(m.cc)}`] : []),
    `Date:    ${m.date}`,
    `Subject: ${m.subject}`,
    `Folder:  ${m.folder} (uid ${m.uid ?? '-'})`,
    `Flags:   ${m.flags.join(' ') || '-'}`,
    '',
    m.text ?? `(body not downloaded: ${m.bodyState}; add --download to fetch it now)`,
  ];
  return lines.join('\n');
}
