import { describe, expect, it } from 'vitest';
import { resolveUnder } from '../../main/web/static-files';
import { headerPolicy, metaPolicyOf, tokenMatches } from '../../main/web/security';
import { parseClientMessage, parseServerMessage, recoverInvokeId } from '../../shared/ipc/wire';

describe('wire messages', () => {
  it('accepts only well-formed invokes from clients', () => {
    expect(parseClientMessage('{"type":"invoke","id":1,"channel":"app:info","input":{}}')).toEqual({
      type: 'invoke',
      id: 1,
      channel: 'app:info',
      input: {},
    });
    for (const bad of [
      '',
      'null',
      '[]',
      '{"type":"invoke","id":-1,"channel":"a"}',
      '{"type":"invoke","id":1.5,"channel":"a"}',
      '{"type":"result","id":1,"channel":"a"}',
      '{"type":"invoke","id":1}',
    ]) {
      expect(parseClientMessage(bad), bad).toBeNull();
    }
    expect(recoverInvokeId('{"id":9,"channel":3}')).toBe(9);
    expect(recoverInvokeId('{"id":"9"}')).toBeNull();
  });

  it('accepts only known error codes in result envelopes', () => {
    const ok = '{"type":"result","id":2,"envelope":{"ok":false,"error":{"code":"internal","message":"m"}}}';
    expect(parseServerMessage(ok)).toMatchObject({ id: 2 });
    expect(parseServerMessage(ok.replace('internal', 'made_up'))).toBeNull();
    expect(parseServerMessage('{"type":"result","id":2,"envelope":{"ok":true}}')).toBeNull();
    expect(parseServerMessage('{"type":"event","event":"app:notice","payload":1}')).toMatchObject({
      event: 'app:notice',
    });
  });
});

describe('web shell guards', () => {
  it('keeps resolved paths inside the build folder', () => {
    expect(resolveUnder('/srv/build', '/assets/a.js')).toBe('/srv/build/assets/a.js');
    for (const path of ['/../x', '/..%2fx', '/a/%2e%2e/%2e%2e/x', '/%00', '/%zz', '/']) {
      expect(resolveUnder('/srv/build', path), path).toBeNull();
    }
  });

  it('compares tokens exactly', () => {
    expect(tokenMatches('abc', 'abc')).toBe(true);
    expect(tokenMatches('abd', 'abc')).toBe(false);
    expect(tokenMatches('abc ', 'abc')).toBe(false);
    expect(tokenMatches(null, 'abc')).toBe(false);
  });

  it('derives the header policy from the page meta', () => {
    const meta = metaPolicyOf(
      `<meta http-equiv="Content-Security-Policy"\n content="default-src 'none';\n  connect-src 'self'" />`,
    );
    expect(meta).toBe("default-src 'none'; connect-src 'self'");
    expect(headerPolicy(meta ?? '', 'localhost:9')).toBe(
      "default-src 'none'; connect-src 'self' ws://localhost:9; frame-ancestors 'none'",
    );
  });
});
