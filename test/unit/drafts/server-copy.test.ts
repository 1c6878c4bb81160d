import { describe, expect, it } from 'vitest';
import { replaceServerCopy, type DraftsFolder } from '../../../main/drafts/server-copy';

/**
 * A Drafts folder in memory, for what Dovecot will not do on cue: refuse to remove a message
 * (the real folder is tested in test/integration/drafts).
 */
function folder(options: { removeFails: boolean }): DraftsFolder & { uids: Map<number, string> } {
  const uids = new Map<number, string>([[7, '<v1@letterbox>']]);
  let next = 8;
  return {
    uids,
    uidValidity: 1,
    messageIdOf: (uid) => Promise.resolve(uids.get(uid) ?? null),
    append: (raw) => {
      const uid = next++;
      uids.set(uid, /^Message-ID: (.*)$/m.exec(raw.toString())?.[1] ?? '');
      return Promise.resolve(uid);
    },
    remove: (uid) => {
      if (options.removeFails)
        return Promise.reject(Object.assign(new Error('Command failed'), { responseStatus: 'NO' }));
      uids.delete(uid);
      return Promise.resolve();
    },
  };
}

const previous = { uidValidity: 1, uid: 7, messageId: '<v1@letterbox>' };
const version2 = { raw: Buffer.from('Message-ID: <v2@letterbox>\r\n\r\nv2\r\n'), messageId: '<v2@letterbox>' };

describe('replacing a draft copy', () => {
  it('appends the new version, then removes ours', async () => {
    const drafts = folder({ removeFails: false });
    expect(await replaceServerCopy(drafts, previous, version2)).toEqual({
      outcome: 'replaced',
      copy: { uidValidity: 1, uid: 8, messageId: '<v2@letterbox>' },
      leftBehind: null,
    });
    expect([...drafts.uids.values()]).toEqual(['<v2@letterbox>']);
  });

  it('keeps the new copy when the old one cannot be removed, and hands the old one back for later', async () => {
    const drafts = folder({ removeFails: true });
    expect(await replaceServerCopy(drafts, previous, version2)).toEqual({
      outcome: 'replaced',
      copy: { uidValidity: 1, uid: 8, messageId: '<v2@letterbox>' },
      leftBehind: previous,
    });
    expect([...drafts.uids.values()]).toEqual(['<v1@letterbox>', '<v2@letterbox>']);
  });
});
