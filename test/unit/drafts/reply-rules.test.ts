import { describe, expect, it } from 'vitest';
import {
  chooseIdentity,
  MAX_REFERENCES,
  replyRecipients,
  threadingHeaders,
  type SourceHeaders,
} from '../../../main/compose/reply-rules';
import { forwardSubject, replySubject } from '../../../main/compose/subject';
import type { Identity } from '../../../shared/model/account';
import { identity as rigIdentity } from '../outbox/outbox-rig';

const ada = { name: 'Ada', address: 'ada@example.test' };
const adaAlias = { name: 'Ada', address: 'Lovelace@Work.example' };
const grace = { name: 'Grace', address: 'grace@example.test' };
const alan = { name: 'Alan', address: 'alan@example.test' };
const list = { name: 'Team list', address: 'team@lists.example' };
const own = new Set(['ada@example.test', 'lovelace@work.example']);

function source(fields: Partial<SourceHeaders> = {}): SourceHeaders {
  return {
    messageId: '<m2@example.test>',
    references: ['<m0@example.test>', '<m1@example.test>'],
    from: grace,
    replyTo: [],
    to: [ada],
    cc: [],
    deliveredTo: [],
    ...fields,
  };
}

function identity(id: string, address: string): Identity {
  return { ...rigIdentity, id, address };
}

describe('reply subjects', () => {
  it.each([
    ['Meeting', 'Re: Meeting'],
    ['Re: Meeting', 'Re: Meeting'],
    ['RE: Meeting', 'Re: Meeting'],
    ['re:Meeting', 'Re: Meeting'],
    ['Re[2]: Meeting', 'Re: Meeting'],
    ['Re(3): Meeting', 'Re: Meeting'],
    ['Re: Re: RE: Meeting', 'Re: Meeting'],
    ['AW: Besprechung', 'Re: Besprechung'],
    ['Antw: Vergadering', 'Re: Vergadering'],
    ['SV: Møte', 'Re: Møte'],
    ['VS: Kokous', 'Re: Kokous'],
    ['回复：会议', 'Re: 会议'],
    ['Fwd: Meeting', 'Re: Fwd: Meeting'],
    ['Reminder: Meeting', 'Re: Reminder: Meeting'],
    ['', 'Re:'],
  ])('%s → %s', (subject, expected) => {
    expect(replySubject(subject)).toBe(expected);
  });

  it.each([
    ['Meeting', 'Fwd: Meeting'],
    ['Fwd: Meeting', 'Fwd: Meeting'],
    ['FW: Meeting', 'Fwd: Meeting'],
    ['Fw: Fwd: Meeting', 'Fwd: Meeting'],
    ['WG: Besprechung', 'Fwd: Besprechung'],
    ['TR: Réunion', 'Fwd: Réunion'],
    ['Re: Meeting', 'Fwd: Re: Meeting'],
  ])('forward %s → %s', (subject, expected) => {
    expect(forwardSubject(subject)).toBe(expected);
  });
});

describe('reply recipients', () => {
  it('answers the sender, or Reply-To when there is one', () => {
    expect(replyRecipients(source(), false, own)).toEqual({ to: [grace], cc: [] });
    expect(replyRecipients(source({ replyTo: [list] }), false, own)).toEqual({ to: [list], cc: [] });
  });

  it('reply-all adds To and Cc without the user’s own addresses (any identity, any case) or duplicates', () => {
    const original = source({
      to: [{ ...ada, address: 'ADA@example.test' }, alan, grace],
      cc: [adaAlias, { name: '', address: 'ALAN@example.test' }, list],
    });
    expect(replyRecipients(original, true, own)).toEqual({ to: [grace, alan], cc: [list] });
  });

  it('reply-all with Reply-To: the Reply-To address first, the sender stays in To as a recipient', () => {
    const original = source({ replyTo: [list], to: [ada, alan], cc: [] });
    expect(replyRecipients(original, true, own)).toEqual({ to: [list, alan], cc: [] });
  });

  it('replying to a message the user sent writes to its recipients again', () => {
    const sent = source({ from: ada, to: [grace], cc: [alan] });
    expect(replyRecipients(sent, false, own)).toEqual({ to: [grace], cc: [] });
    expect(replyRecipients(sent, true, own)).toEqual({ to: [grace], cc: [alan] });
  });

  it('moves Cc up when nobody is left in To', () => {
    const toSelfOnly = source({
      from: { name: '', address: 'noreply@example.test' },
      replyTo: [],
      to: [ada],
      cc: [alan],
    });
    expect(replyRecipients(toSelfOnly, true, own)).toEqual({
      to: [{ name: '', address: 'noreply@example.test' }],
      cc: [alan],
    });
  });
});

describe('threading headers', () => {
  it('In-Reply-To is the Message-ID, References the parent’s References plus its Message-ID', () => {
    expect(threadingHeaders(source())).toEqual({
      inReplyTo: '<m2@example.test>',
      references: ['<m0@example.test>', '<m1@example.test>', '<m2@example.test>'],
    });
  });

  it('drops duplicates and keeps the root and the newest ids of a long chain', () => {
    const chain = Array.from({ length: 40 }, (_, i) => `<c${i}@example.test>`);
    const headers = threadingHeaders(
      source({ references: [...chain, chain[3] ?? ''], messageId: '<last@example.test>' }),
    );
    expect(headers.references).toHaveLength(MAX_REFERENCES);
    expect(headers.references[0]).toBe('<c0@example.test>');
    expect(headers.references.at(-1)).toBe('<last@example.test>');
    expect(new Set(headers.references).size).toBe(MAX_REFERENCES);
  });

  it('a message without a Message-ID gives no In-Reply-To', () => {
    expect(threadingHeaders(source({ messageId: null, references: [] }))).toEqual({ inReplyTo: null, references: [] });
  });
});

describe('identity for a reply', () => {
  const main = identity('main', 'ada@example.test');
  const work = identity('work', 'lovelace@work.example');
  const identities = [main, work];

  it('is the identity the message was addressed to (To, then Cc, then Delivered-To)', () => {
    expect(chooseIdentity(source({ to: [grace, adaAlias] }), identities)).toBe(work);
    expect(
      chooseIdentity(source({ to: [list], cc: [{ name: '', address: 'LOVELACE@work.example' }] }), identities),
    ).toBe(work);
    expect(chooseIdentity(source({ to: [list], deliveredTo: ['lovelace@work.example'] }), identities)).toBe(work);
  });

  it('falls back to the account’s first identity', () => {
    expect(chooseIdentity(source({ to: [list] }), identities)).toBe(main);
    expect(chooseIdentity(source(), [])).toBeNull();
  });
});
