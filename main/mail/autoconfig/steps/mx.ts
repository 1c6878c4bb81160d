import { normalizeHost } from '../address';
import { errorText, isNoRecord } from '../dns-resolver';
import { providerConfig, providerForMx } from '../provider-table';
import type { Step } from '../types';

/** Step 6: a custom domain whose mail is hosted by a known provider, recognised by its MX hosts. */
export const mxStep: Step = {
  source: 'mx',
  describe: (ctx) => `Looking up the MX records of ${ctx.domain}`,
  async run(ctx) {
    let records;
    try {
      records = await ctx.dns.resolveMx(ctx.domain);
    } catch (error) {
      if (ctx.signal.aborted) throw error;
      if (isNoRecord(error)) return { status: 'not-found', detail: `${ctx.domain} has no MX records` };
      return { status: 'failed', detail: `MX lookup for ${ctx.domain} failed: ${errorText(error)}` };
    }
    const hosts = [...records]
      .sort((a, b) => a.priority - b.priority)
      .map((record) => normalizeHost(record.exchange))
      .slice(0, 5)
      .join(', ');
    const match = providerForMx(records);
    if (!match) return { status: 'not-found', detail: `MX ${hosts || '(none)'}: not a known provider` };
    return {
      status: 'found',
      config: providerConfig(match.provider, ctx, 'mx'),
      detail: `MX ${match.exchange} → ${match.provider.name}`,
    };
  },
};
