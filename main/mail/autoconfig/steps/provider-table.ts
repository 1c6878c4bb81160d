import { providerConfig, providerForDomain } from '../provider-table';
import type { Step } from '../types';

/** Step 1: the built-in table. No network: a known domain never leaks to DNS or HTTP. */
export const providerTableStep: Step = {
  source: 'provider-table',
  describe: (ctx) => `Looking up ${ctx.domain} in the built-in provider table`,
  async run(ctx) {
    const provider = providerForDomain(ctx.domain);
    if (!provider) return { status: 'not-found', detail: `${ctx.domain} is not a known provider` };
    return {
      status: 'found',
      config: providerConfig(provider, ctx, 'provider-table'),
      detail: `${ctx.domain} is ${provider.name}`,
    };
  },
};
