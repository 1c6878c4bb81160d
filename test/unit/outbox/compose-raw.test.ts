import PostalMime from 'postal-mime';
import { describe, expect, it } from 'vitest';
import { buildRawMessage } from '../../../main/outbox/compose-raw';
import { DraftContentSchema, MailAddressSchema } from '../../../shared/model/outbox';
import { draft, identity } from './outbox-rig';

/** The top-level header names, in order, as a receiving server would see them. */
function headerNames(raw: Buffer): string[] {
  const head = raw.toString('latin1').split('\r\n\r\n')[0] ?? '';
  return head
    .split('\r\n')
    .filter((line) => !/^[ \t]/.test(line))
    .map((line) => line.slice(0, line.indexOf(':')).toLowerCase());
}

describe('buildRawMessage', () => {
  it('puts Bcc only in the envelope, once per address, with a stable Message-ID', async () => {
    const built = await buildRawMessage(
      draft({
        to: [{ name: 'Grace', address: 'grace@example.test' }],
        cc: [{ name: '', address: 'GRACE@example.test' }],
        bcc: [{ name: 'Hidden', address: 'hidden@example.test' }],
      }),
      identity,
      new Date('2026-11-30T10:00:00Z'),
    );
    expect(built.envelope).toEqual({ from: 'ada@example.test', to: ['grace@example.test', 'hidden@example.test'] });
    expect(headerNames(built.raw)).not.toContain('bcc');
    expect(built.raw.toString()).not.toContain('hidden@example.test');
    const parsed = await PostalMime.parse(built.raw);
    expect(parsed.messageId).toBe(built.messageId);
    expect(built.messageId).toMatch(/^<[0-9a-f-]{36}@example\.test>$/);
  });

  it('keeps CR/LF smuggled into the subject, names and file names out of the header set', async () => {
    const content = DraftContentSchema.parse({
      accountId: 'acc-1',
      identityId: 'id-1',
      to: [{ name: 'Eve\r\nBcc: victim@example.test', address: 'grace@example.test' }],
      subject: 'Hi\r\nBcc: victim@example.test\r\nX-Injected: yes',
      text: 'Body',
      attachments: [
        {
          filename: 'report.pdf"\r\nX-Injected: yes',
          contentType: 'application/pdf',
          contentBase64: Buffer.from('%PDF-1.4').toString('base64'),
        },
      ],
    });
    const built = await buildRawMessage(content, identity, new Date());
    expect(built.envelope.to).toEqual(['grace@example.test']);
    const names = headerNames(built.raw);
    expect(names.filter((n) => n === 'subject')).toHaveLength(1);
    expect(names).not.toContain('bcc');
    expect(names).not.toContain('x-injected');
    const parsed = await PostalMime.parse(built.raw);
    expect(parsed.headers.map((h) => h.key)).not.toContain('x-injected');
    expect(parsed.subject).toBe('Hi Bcc: victim@example.test X-Injected: yes');
    expect(parsed.to?.map((a) => ('address' in a ? a.address : null))).toEqual(['grace@example.test']);
    expect(parsed.attachments).toHaveLength(1);
    for (const part of parsed.attachments) expect(part.filename).not.toMatch(/[\r\n]/);
    expect(built.raw.toString('latin1')).not.toMatch(/\r\nX-Injected/i);
  });

  it('refuses an address that is really two, or a header in disguise', () => {
    for (const address of [
      'grace@example.test\r\nBcc: victim@example.test',
      'grace@example.test,victim@example.test',
      'grace@example.test>victim@x',
      'a@b;c@d',
    ]) {
      expect(MailAddressSchema.safeParse({ name: '', address }).success, address).toBe(false);
    }
  });

  it('encodes non-ASCII subjects and names and round-trips them', async () => {
    const built = await buildRawMessage(
      draft({ subject: 'Réunion — 日本語', to: [{ name: 'Zoë Müller', address: 'zoe@example.test' }], text: 'Grüße' }),
      identity,
      new Date(),
    );
    expect(/[^\p{ASCII}]/u.test(built.raw.toString('latin1').split('\r\n\r\n')[0] ?? '')).toBe(false);
    const parsed = await PostalMime.parse(built.raw);
    expect(parsed.subject).toBe('Réunion — 日本語');
    expect(parsed.to?.[0]).toMatchObject({ name: 'Zoë Müller', address: 'zoe@example.test' });
    expect(parsed.text?.trim()).toBe('Grüße');
  });

  it('needs at least one recipient', async () => {
    await expect(buildRawMessage(draft({ to: [] }), identity, new Date())).rejects.toThrow(/at least one recipient/);
  });
});
