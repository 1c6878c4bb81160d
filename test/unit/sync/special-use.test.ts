import { describe, expect, it } from 'vitest';
import { assignSpecialUses, specialUseOf } from '../../../main/sync/special-use';

const folder = (path: string, flags: string[] = [], delimiter = '/') => ({
  path,
  name: path.split(delimiter).at(-1) ?? path,
  flags,
});

describe('special use', () => {
  it('takes INBOX by path, case-insensitively', () => {
    expect(specialUseOf(folder('INBOX'))).toBe('inbox');
    expect(specialUseOf(folder('Inbox'))).toBe('inbox');
    expect(specialUseOf(folder('INBOX/Sub'))).toBeNull();
  });

  it('prefers the server flag over the name', () => {
    expect(specialUseOf(folder('Gesendet', ['\\HasNoChildren', '\\Sent']))).toBe('sent');
    expect(specialUseOf(folder('Papierkorb', ['\\Trash']))).toBe('trash');
    expect(specialUseOf(folder('Sent', ['\\Junk']))).toBe('junk');
    expect(specialUseOf(folder('[Gmail]/All Mail', ['\\All']))).toBe('archive');
  });

  it.each([
    ['Sent', 'sent'],
    ['Sent Items', 'sent'],
    ['[Gmail]/Sent Mail', 'sent'],
    ['Drafts', 'drafts'],
    ['Trash', 'trash'],
    ['Deleted Items', 'trash'],
    ['Bin', 'trash'],
    ['Junk', 'junk'],
    ['Spam', 'junk'],
    ['Archive', 'archive'],
    ['All Mail', 'archive'],
  ] as const)('knows "%s" by name as %s', (path, use) => {
    expect(specialUseOf(folder(path))).toBe(use);
  });

  it('matches the last segment with the folder delimiter', () => {
    expect(specialUseOf(folder('INBOX.Sent', [], '.'))).toBe('sent');
    expect(specialUseOf(folder('Projects/Sentinel'))).toBeNull();
  });

  it('gives each use to one folder: the flagged one, else the first by path', () => {
    const uses = assignSpecialUses([folder('Sent Items'), folder('Sent', ['\\Sent']), folder('Spam'), folder('Junk')]);
    expect(uses.get('Sent')).toBe('sent');
    expect(uses.has('Sent Items')).toBe(false);
    expect(uses.get('Junk')).toBe('junk');
    expect(uses.has('Spam')).toBe(false);
  });
});
