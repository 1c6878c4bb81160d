import { AppError } from '../../../shared/errors';
import type { SearchHit, TextSegment } from '../../../shared/model/search';
import { rebuildSearchIndex } from '../../search/rebuild';
import { searchMessages } from '../../services/search';
import { UsageError } from '../args';
import type { Command } from '../command';
import { withApp } from '../with-app';
import { findAccount } from './account/find-account';

export const searchCommand: Command = {
  name: 'search',
  summary:
    'Search every account (search QUERY [--account A] [--limit N] [--sort relevance] [--server]; search --rebuild)',
  options: {
    account: { type: 'string' },
    limit: { type: 'string' },
    sort: { type: 'string' },
    server: { type: 'boolean', default: false },
    rebuild: { type: 'boolean', default: false },
  },
  async run({ io, globals, values, positionals }) {
    const query = positionals.join(' ');
    if (values.rebuild === true) {
      if (query.trim() !== '') throw new UsageError('search --rebuild takes no query');
      return withApp(io, globals, async (app) => {
        const { messages, ms } = rebuildSearchIndex(app.ctx.store.db);
        return {
          json: { rebuilt: true, messages, ms: Math.round(ms) },
          text: `Search index rebuilt: ${messages} messages in ${Math.round(ms)} ms.`,
        };
      });
    }
    if (query.trim() === '') throw new UsageError('search needs a query, such as: search from:ada invoice');
    const limit = values.limit === undefined ? 20 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 500)
      throw new UsageError('--limit takes a whole number 1–500');
    const sort = values.sort === undefined ? 'date' : values.sort;
    if (sort !== 'date' && sort !== 'relevance') throw new UsageError('--sort takes date or relevance');
    return withApp(io, globals, async (app) => {
      const account =
        typeof values.account === 'string' ? findAccount(app.ctx.settings.get('accounts'), values.account) : null;
      const output = await searchMessages(app.ctx, {
        query,
        accountId: account?.id ?? null,
        limit,
        cursor: null,
        sort,
        server: values.server === true,
      });
      if (!output.ok) {
        throw new AppError('invalid_input', `${output.message} (at character ${output.at + 1} of the query)`);
      }
      const lines = output.hits.length === 0 ? ['No messages match.'] : output.hits.map(formatHit);
      for (const error of output.server?.errors ?? []) lines.push(`(server search: ${error})`);
      if (output.nextCursor !== null) lines.push(`(more results: raise --limit)`);
      return {
        json: { hits: output.hits, more: output.nextCursor !== null, server: output.server },
        text: lines.join('\n'),
      };
    });
  },
};

/** Matches in [brackets]: a terminal has no markup, and the data says where they are. */
function marked(segments: readonly TextSegment[]): string {
  return segments.map((s) => (s.match ? `[${s.text}]` : s.text)).join('');
}

function formatHit(hit: SearchHit): string {
  const from = hit.from ? hit.from.name || hit.from.address : '-';
  const head = [hit.id, hit.date, from, marked(hit.subjectSegments) || '(no subject)'];
  if (hit.remote) head.push('(on the server; message show --download fetches it)');
  const snippet = marked(hit.snippetSegments);
  return snippet ? `${head.join('  ')}\n    ${snippet}` : head.join('  ');
}
