import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildRawMessage } from '../../../main/outbox/compose-raw';
import { IdentitySchema } from '../../../shared/model/account';
import { DraftContentSchema } from '../../../shared/model/outbox';
import type { SendLimit } from '../../../shared/model/send-limit';
import {
  base64Size,
  estimateMessageSize,
  FALLBACK_LIMIT_BYTES,
  sizeWarning,
} from '../../../renderer/src/features/compose/message-size';

const identity = IdentitySchema.parse({ id: 'i1', name: 'Ada Lovelace', address: 'ada@example.com' });

interface File {
  filename: string;
  contentType: string;
  bytes: Buffer;
  contentId?: string;
}

/** The estimate from what compose knows, and the size of the message main really builds. */
async function both(body: { text: string; html: string | null }, files: File[]) {
  const to = 'Grace Hopper <grace@example.org>';
  const subject = 'Quarterly figures, with the raw data';
  const estimate = estimateMessageSize({
    to,
    cc: '',
    subject,
    ...body,
    attachments: files.map((f) => ({ filename: f.filename, size: f.bytes.length })),
  });
  const draft = DraftContentSchema.parse({
    accountId: 'a1',
    identityId: 'i1',
    to: [{ name: 'Grace Hopper', address: 'grace@example.org' }],
    subject,
    ...body,
    attachments: files.map((f) => ({
      filename: f.filename,
      contentType: f.contentType,
      contentBase64: f.bytes.toString('base64'),
      contentId: f.contentId ?? null,
    })),
  });
  const built = await buildRawMessage(draft, identity, new Date('2026-11-30T10:00:00Z'));
  return { estimate, actual: built.raw.length };
}

const limit = (state: SendLimit['state'], bytes: number | null): SendLimit => ({
  host: 'mail.example.com',
  port: 587,
  state,
  limit: bytes,
  seenAt: state === 'unknown' ? null : '2026-11-30T10:00:00.000Z',
});

describe('the MIME size of a message being written', () => {
  it('grows attachments by base64 (4/3 and a CRLF per 76 characters)', () => {
    expect(base64Size(0)).toBe(0);
    expect(base64Size(3)).toBe(4 + 2);
    expect(base64Size(57)).toBe(76 + 2);
    expect(base64Size(3_000_000)).toBe(4_000_000 + 2 * Math.ceil(4_000_000 / 76));
  });

  it('is within 2% of the message main builds: rich text, an inline image and two files', async () => {
    const { estimate, actual } = await both(
      {
        text: 'See the figures attached.\n\nAda',
        html: '<p>See the <b>figures</b> attached.</p><img src="cid:img1@x">',
      },
      [
        { filename: 'figures.csv', contentType: 'text/csv', bytes: randomBytes(1_200_000) },
        { filename: 'report.pdf', contentType: 'application/pdf', bytes: randomBytes(700_001) },
        { filename: 'chart.png', contentType: 'image/png', bytes: randomBytes(45_000), contentId: 'img1@x' },
      ],
    );
    expect(actual).toBeGreaterThan(2_500_000);
    expect(Math.abs(estimate - actual) / actual).toBeLessThan(0.02);
  });

  it('is close for a small plain-text message with non-ASCII text, where headers dominate', async () => {
    const text = 'Grüße aus Zürich — à bientôt.\n'.repeat(40);
    const { estimate, actual } = await both({ text, html: null }, []);
    expect(Math.abs(estimate - actual) / actual).toBeLessThan(0.2);
  });
});

describe('the size warning', () => {
  it('names the server and its advertised limit when the message is larger', () => {
    expect(sizeWarning(31_000_000, limit('advertised', 25_000_000))).toBe(
      'This message is about 31 MB; mail.example.com accepts up to 25 MB. It will probably be refused; share a link instead or remove an attachment.',
    );
    expect(sizeWarning(9_000_000, limit('advertised', 10_485_760))).toBeNull();
    // A small limit counts even far below the usual 25 MB.
    expect(sizeWarning(400_000, limit('advertised', 300_000))).toMatch(/accepts up to 300 KB/);
  });

  it('falls back to the 25 MB rule, saying the server’s limit is not known', () => {
    expect(sizeWarning(FALLBACK_LIMIT_BYTES, limit('unknown', null))).toBeNull();
    expect(sizeWarning(31_000_000, limit('unknown', null))).toBe(
      'This message is about 31 MB; the limit of mail.example.com is not known yet (Letterbox learns it when it checks the account or sends), and most servers refuse messages above 25 MB. It will probably be refused; share a link instead or remove an attachment.',
    );
    expect(sizeWarning(31_000_000, limit('unlimited', null))).toMatch(
      /mail\.example\.com did not say how large a message it accepts, and most servers refuse messages above 25 MB/,
    );
    expect(sizeWarning(31_000_000, null)).toMatch(/not known yet/);
  });
});
