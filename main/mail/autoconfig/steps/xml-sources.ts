import type { AutoconfigSource } from '../../../../shared/model/setup';
import { parseAutoconfigXml } from '../config-xml';
import { errorText, isNoRecord } from '../dns-resolver';
import type { Step, StepContext, StepResult } from '../types';

/** Shown without the query string: the address is the user's, and the step list may be logged. */
const shown = (url: string): string => url.replace(/\?.*$/, '');

/**
 * GETs one autoconfig document and reads it. A missing host, a 404 or a document without a
 * usable server all mean "not here" (try the next source); a certificate or transport problem
 * is a failure, reported as such and never worked around.
 */
async function fetchConfig(ctx: StepContext, source: AutoconfigSource, url: string): Promise<StepResult> {
  const label = `GET ${shown(url)}`;
  ctx.trace.push(label);
  let response;
  try {
    response = await ctx.http.get(url, ctx.signal);
  } catch (error) {
    if (ctx.signal.aborted) throw error;
    if (isNoRecord(error) || isNoRecord((error as { cause?: unknown }).cause)) {
      return { status: 'not-found', detail: `${label} → host not found` };
    }
    return { status: 'failed', detail: `${label} → ${errorText(error)}` };
  }
  const via = response.url !== undefined && response.url !== url ? ` (from ${shown(response.url)})` : '';
  if (response.status !== 200) return { status: 'not-found', detail: `${label} → ${response.status}${via}` };
  const parsed = parseAutoconfigXml(response.body, ctx, source);
  if (!parsed.ok) return { status: 'not-found', detail: `${label} → 200${via}, ${parsed.reason}` };
  const notes = parsed.notes.length > 0 ? `; ignored ${parsed.notes.join('; ')}` : '';
  return { status: 'found', config: parsed.config, detail: `${label} → 200${via}${notes}` };
}

/** Step 2: the domain's own autoconfig host. */
export const domainAutoconfigStep: Step = {
  source: 'domain-autoconfig',
  describe: (ctx) => `Asking autoconfig.${ctx.domain}`,
  run: (ctx) =>
    fetchConfig(
      ctx,
      'domain-autoconfig',
      `https://autoconfig.${ctx.domain}/mail/config-v1.1.xml?emailaddress=${encodeURIComponent(ctx.email)}`,
    ),
};

/** Step 3: the well-known location on the domain itself. */
export const wellKnownStep: Step = {
  source: 'well-known',
  describe: (ctx) => `Asking ${ctx.domain}/.well-known`,
  run: (ctx) => fetchConfig(ctx, 'well-known', `https://${ctx.domain}/.well-known/autoconfig/mail/config-v1.1.xml`),
};

/** Step 4: Thunderbird's ISPDB (only the domain is sent, never the address). */
export const ispdbStep: Step = {
  source: 'ispdb',
  describe: (ctx) => `Asking the Thunderbird ISPDB about ${ctx.domain}`,
  run: (ctx) => fetchConfig(ctx, 'ispdb', `${ctx.ispdbBaseUrl.replace(/\/+$/, '')}/${encodeURIComponent(ctx.domain)}`),
};
