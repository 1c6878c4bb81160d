import { describe, expect, it } from 'vitest';
import { createAccountLock } from '../../../main/sync/account-lock';

/** A pass that records when it starts and ends, and finishes when told. */
function pass(log: string[], name: string) {
  let finish: (value: string) => void = () => undefined;
  let fail: (error: Error) => void = () => undefined;
  const body = () => {
    log.push(`${name} start`);
    return new Promise<string>((resolve, reject) => {
      finish = (value) => {
        log.push(`${name} end`);
        resolve(value);
      };
      fail = (error) => {
        log.push(`${name} failed`);
        reject(error);
      };
    });
  };
  return { body, finish: (value = name) => finish(value), fail: (error: Error) => fail(error) };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('account lock', () => {
  it('runs the passes over one account one after the other, in the order asked', async () => {
    const lock = createAccountLock();
    const log: string[] = [];
    const a = pass(log, 'a');
    const b = pass(log, 'b');
    const first = lock.run('acc', a.body);
    const second = lock.run('acc', b.body);
    await tick();
    expect(log).toEqual(['a start']);
    a.finish();
    expect(await first).toBe('a');
    await tick();
    expect(log).toEqual(['a start', 'a end', 'b start']);
    b.finish();
    expect(await second).toBe('b');
  });

  it('lets passes over different accounts run at the same time', async () => {
    const lock = createAccountLock();
    const log: string[] = [];
    const a = pass(log, 'a');
    const b = pass(log, 'b');
    const both = Promise.all([lock.run('one', a.body), lock.run('two', b.body)]);
    await tick();
    expect(log).toEqual(['a start', 'b start']);
    b.finish();
    a.finish();
    expect(await both).toEqual(['a', 'b']);
  });

  it('gives the account to the next pass after one fails, and the failure to its own caller only', async () => {
    const lock = createAccountLock();
    const log: string[] = [];
    const a = pass(log, 'a');
    const b = pass(log, 'b');
    const first = lock.run('acc', a.body);
    const second = lock.run('acc', b.body);
    await tick();
    a.fail(new Error('server went away'));
    await expect(first).rejects.toThrow('server went away');
    await tick();
    expect(log).toEqual(['a start', 'a failed', 'b start']);
    b.finish();
    expect(await second).toBe('b');
  });
});
