/**
 * Autoconfig documents over real HTTPS: the domain's autoconfig host, the well-known location and
 * the ISPDB, with redirects, size caps and certificate checks (see http-world.ts for the servers).
 */
import { describe, expect, it } from 'vitest';
import { discoverAccount } from '../../../main/mail/autoconfig';
import { autoconfigXml, outcome, sequence } from './fixtures';
import { CONFIG_PATH, ISPDB_HOST, useHttpWorld, WELL_KNOWN_PATH } from './http-world';

const world = useHttpWorld();

describe('autoconfig documents over HTTPS', () => {
  it('reads autoconfig.<domain> and sends the address as the query', async () => {
    world.https.route('autoconfig.autoconf.test', CONFIG_PATH, {
      body: autoconfigXml('Autoconf Mail', 'imap.%EMAILDOMAIN%', 'smtp.autoconf.test'),
    });
    const run = world.options();
    const config = await discoverAccount('ada@autoconf.test', run);
    expect(config).toEqual({
      source: 'domain-autoconfig',
      providerName: 'Autoconf Mail',
      incoming: [{ protocol: 'imap', host: 'imap.autoconf.test', port: 993, security: 'implicit', username: 'ada' }],
      outgoing: [{ host: 'smtp.autoconf.test', port: 587, security: 'starttls', username: 'ada@autoconf.test' }],
      guidance: null,
    });
    expect(world.https.requests).toContainEqual({
      host: 'autoconfig.autoconf.test',
      url: `${CONFIG_PATH}?emailaddress=ada%40autoconf.test`,
    });
    expect(outcome(run.steps, 'domain-autoconfig').detail).toBe(
      'GET https://autoconfig.autoconf.test/mail/config-v1.1.xml → 200',
    );
  });

  it('falls back to the well-known location when autoconfig.<domain> answers 404', async () => {
    world.https.route('wellknown.test', WELL_KNOWN_PATH, {
      body: autoconfigXml('Well Known', 'mail.wellknown.test', 'mail.wellknown.test'),
    });
    const run = world.options();
    const config = await discoverAccount('bob@wellknown.test', run);
    expect(config?.source).toBe('well-known');
    expect(config?.incoming[0]?.host).toBe('mail.wellknown.test');
    expect(sequence(run.steps)).toEqual([
      'provider-table:running',
      'provider-table:not-found',
      'domain-autoconfig:running',
      'domain-autoconfig:not-found',
      'well-known:running',
      'well-known:found',
    ]);
    expect(outcome(run.steps, 'domain-autoconfig').detail).toMatch(/→ 404$/);
  });

  it('follows an https redirect, and refuses a redirect to http or a redirect loop', async () => {
    world.https.route('autoconfig.redirect.test', CONFIG_PATH, {
      status: 302,
      headers: { location: world.https.url('config.redirect.test', '/real.xml') },
    });
    world.https.route('config.redirect.test', '/real.xml', {
      body: autoconfigXml('Moved', 'imap.redirect.test', 'smtp.redirect.test'),
    });
    const moved = world.options();
    expect((await discoverAccount('c@redirect.test', moved))?.providerName).toBe('Moved');
    expect(outcome(moved.steps, 'domain-autoconfig').detail).toContain(
      `(from ${world.https.url('config.redirect.test', '/real.xml')})`,
    );

    world.https.route('autoconfig.toplain.test', CONFIG_PATH, {
      status: 301,
      headers: { location: 'http://autoconfig.toplain.test/x' },
    });
    const toPlain = world.options();
    expect(await discoverAccount('d@toplain.test', toPlain)).toBeNull();
    expect(outcome(toPlain.steps, 'domain-autoconfig')).toMatchObject({
      status: 'failed',
      detail: expect.stringMatching(/only https/),
    });

    world.https.route('autoconfig.loop.test', CONFIG_PATH, {
      status: 302,
      headers: { location: world.https.url('autoconfig.loop.test', CONFIG_PATH) },
    });
    const loop = world.options();
    expect(await discoverAccount('e@loop.test', loop)).toBeNull();
    expect(outcome(loop.steps, 'domain-autoconfig')).toMatchObject({
      status: 'failed',
      detail: expect.stringMatching(/more than 3 redirects/),
    });
  });

  it('leaves a plain-only document out, and refuses an oversize body', async () => {
    world.https.route('autoconfig.plain.test', CONFIG_PATH, {
      body: autoconfigXml('Plain', 'imap.plain.test', 'smtp.plain.test')
        .replaceAll('SSL', 'plain')
        .replaceAll('STARTTLS', 'plain'),
    });
    const plain = world.options();
    expect(await discoverAccount('f@plain.test', plain)).toBeNull();
    expect(outcome(plain.steps, 'domain-autoconfig')).toMatchObject({
      status: 'not-found',
      detail: expect.stringMatching(/no encrypted IMAP or POP3 server/),
    });

    world.https.route('autoconfig.big.test', CONFIG_PATH, {
      body: `<clientConfig>${' '.repeat(200_000)}</clientConfig>`,
    });
    const big = world.options();
    expect(await discoverAccount('g@big.test', big)).toBeNull();
    expect(outcome(big.steps, 'domain-autoconfig')).toMatchObject({
      status: 'failed',
      detail: expect.stringMatching(/102400 bytes/),
    });
  });

  it('asks the ISPDB (with the domain only) when the domain has no autoconfig host', async () => {
    world.https.route(ISPDB_HOST, '/v1.1/isp.test', {
      body: autoconfigXml('From ISPDB', 'imap.isp.test', 'smtp.isp.test'),
    });
    const run = world.options();
    const config = await discoverAccount('h@isp.test', run);
    expect(config).toMatchObject({ source: 'ispdb', providerName: 'From ISPDB' });
    expect(outcome(run.steps, 'domain-autoconfig')).toMatchObject({
      status: 'not-found',
      detail: expect.stringMatching(/host not found/),
    });
    expect(outcome(run.steps, 'well-known').status).toBe('not-found');
    expect(world.https.requests.filter((r) => r.host === ISPDB_HOST).map((r) => r.url)).toContain('/v1.1/isp.test');
  });

  it('refuses an autoconfig host whose certificate no trusted CA issued, and goes on', async () => {
    world.untrusted.route('autoconfig.untrusted.test', CONFIG_PATH, {
      body: autoconfigXml('Evil', 'imap.evil.example', 'smtp.evil.example'),
    });
    world.https.route('untrusted.test', WELL_KNOWN_PATH, {
      body: autoconfigXml('Genuine', 'imap.untrusted.test', 'smtp.untrusted.test'),
    });
    const run = world.options();
    const config = await discoverAccount('i@untrusted.test', run);
    expect(config).toMatchObject({ source: 'well-known', providerName: 'Genuine' });
    expect(outcome(run.steps, 'domain-autoconfig')).toMatchObject({
      status: 'failed',
      detail: expect.stringMatching(/certificate not trusted/),
    });
    // The TLS handshake failed, so not even the request (with the address in it) was sent.
    expect(world.untrusted.requests).toEqual([]);
  });
});
