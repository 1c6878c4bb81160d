import { describe, expect, it } from 'vitest';
import { FIRST_RETRY_MS, MAX_RETRY_MS, refusalText, retryAt } from '../../../main/drafts/server-refusals';

const at = '2026-11-30T12:00:00.000Z';
const refused = (count: number, version = 3) => ({
  version: 3,
  server_error_version: version,
  server_error_at: at,
  server_error_count: count,
});
const after = (ms: number) => new Date(Date.parse(at) + ms);

describe('waiting after a refused draft copy', () => {
  it('never refused, or refused in an older version: offered now', () => {
    expect(
      retryAt({ version: 1, server_error_version: null, server_error_at: null, server_error_count: 0 }),
    ).toBeNull();
    expect(retryAt(refused(4, 2))).toBeNull();
  });

  it('the same version waits 5 minutes, doubling with each refusal in a row, at most 6 hours', () => {
    expect(retryAt(refused(1))).toEqual(after(FIRST_RETRY_MS));
    expect(retryAt(refused(2))).toEqual(after(2 * FIRST_RETRY_MS));
    expect(retryAt(refused(4))).toEqual(after(8 * FIRST_RETRY_MS));
    expect(retryAt(refused(30))).toEqual(after(MAX_RETRY_MS));
    expect(FIRST_RETRY_MS).toBe(5 * 60_000);
    expect(MAX_RETRY_MS).toBe(6 * 60 * 60_000);
  });

  it("says the server's own words when it gave some, else the error's message", () => {
    const no = Object.assign(new Error('Command failed'), {
      responseText: ' Quota exceeded (mailbox for user is full) ',
    });
    expect(refusalText(no)).toBe('Quota exceeded (mailbox for user is full)');
    expect(refusalText(Object.assign(new Error('Command failed'), { responseText: '' }))).toBe('Command failed');
    expect(refusalText('plain')).toBe('plain');
  });
});
