import { describe, expect, it } from 'vitest';
import { rankContacts, type AddressUse } from '../../../main/compose/contacts-rank';

const now = new Date('2026-11-30T12:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
const use = (address: string, days: number, name = '', sent = false): AddressUse => ({
  name,
  address,
  at: daysAgo(days),
  sent,
});

describe('contact ranking', () => {
  it('groups by address without case, counts uses, keeps the latest name and time', () => {
    const contacts = rankContacts(
      [
        use('grace@example.test', 10, 'G. Hopper'),
        use('GRACE@example.test', 1, 'Grace Hopper'),
        use('grace@example.test', 5),
      ],
      '',
      10,
      now,
    );
    expect(contacts).toEqual([
      { name: 'Grace Hopper', address: 'grace@example.test', count: 3, lastUsedAt: daysAgo(1) },
    ]);
  });

  it('ranks recent use above old frequent use, and mail sent above mail received', () => {
    const uses = [
      ...Array.from({ length: 6 }, () => use('old@example.test', 300)),
      use('recent@example.test', 1),
      use('received@example.test', 2),
      use('written@example.test', 2, '', true),
    ];
    expect(rankContacts(uses, '', 10, now).map((c) => c.address)).toEqual([
      'written@example.test',
      'recent@example.test',
      'received@example.test',
      'old@example.test',
    ]);
  });

  it('puts prefix matches (address or any word of the name) before matches inside a word', () => {
    const uses = [
      use('ingrid@example.test', 0, 'Ingrid Bergman'),
      use('ingrid@example.test', 0),
      use('hopper@navy.example', 30, 'Grace Hopper'),
      use('other@example.test', 0, 'Nobody'),
    ];
    expect(rankContacts(uses, 'GR', 10, now).map((c) => c.address)).toEqual([
      'hopper@navy.example',
      'ingrid@example.test',
    ]);
  });

  it('respects the limit and skips entries that are not addresses', () => {
    const uses = [use('a@example.test', 0), use('b@example.test', 1), use('not-an-address', 0)];
    expect(rankContacts(uses, '', 1, now).map((c) => c.address)).toEqual(['a@example.test']);
    expect(rankContacts(uses, 'not', 5, now)).toEqual([]);
  });
});
