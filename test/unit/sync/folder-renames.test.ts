import { describe, expect, it } from 'vitest';
import { openStore } from '../../../main/store/open-store';
import { applyFolderList, findRenames, type ListedFolder } from '../../../main/sync/folders';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();

const folder = (path: string, flags: string[] = []): ListedFolder => ({
  path,
  name: path.split('/').at(-1) ?? path,
  flags,
  delimiter: '/',
  parentPath: path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : null,
  subscribed: true,
});

/** A store that knows `paths`, each with the UIDVALIDITY and UIDNEXT given. */
function storeWith(known: Record<string, [number, number]>) {
  const store = openStore(tempDir());
  applyFolderList(
    store.db,
    'acc',
    Object.keys(known).map((path) => folder(path)),
  );
  for (const [path, [uidvalidity, uidnext]] of Object.entries(known)) {
    store.db.run('UPDATE mailboxes SET uidvalidity = ?, uidnext = ? WHERE account_id = ? AND path = ?', [
      uidvalidity,
      uidnext,
      'acc',
      path,
    ]);
  }
  return store;
}

/** STATUS as a server answers it; `asked` records which folders were asked. */
function server(status: Record<string, [number, number]>) {
  const asked: string[] = [];
  return {
    asked,
    client: {
      status: (path: string) => {
        asked.push(path);
        const entry = status[path];
        return Promise.resolve(entry ? { path, uidValidity: BigInt(entry[0]), uidNext: entry[1] } : false);
      },
    } as unknown as Parameters<typeof findRenames>[0],
  };
}

describe('folders renamed on the server', () => {
  it('pairs a vanished folder with the new one that has its UIDVALIDITY, and keeps its id', async () => {
    const store = storeWith({ INBOX: [1, 10], Projects: [7, 5], 'Projects/Old': [8, 3] });
    const ids = new Map(
      store.db.all<{ id: string; path: string }>('SELECT id, path FROM mailboxes').map((r) => [r.path, r.id]),
    );
    const listed = [folder('INBOX'), folder('Work'), folder('Work/Old'), folder('Unrelated')];
    const { client, asked } = server({ Work: [7, 6], 'Work/Old': [8, 3], Unrelated: [9, 1] });
    const renames = await findRenames(client, store.db, 'acc', listed);
    expect([...renames]).toEqual([
      ['Work', 'Projects'],
      ['Work/Old', 'Projects/Old'],
    ]);
    // Only new folders are asked, never the ones already known.
    expect(asked.sort()).toEqual(['Unrelated', 'Work', 'Work/Old']);
    const result = applyFolderList(store.db, 'acc', listed, renames);
    expect(result).toMatchObject({ added: 1, removed: 0, renamed: 2 });
    const after = new Map(
      store.db.all<{ id: string; path: string }>('SELECT id, path FROM mailboxes').map((r) => [r.path, r.id]),
    );
    expect(after.get('Work')).toBe(ids.get('Projects'));
    expect(after.get('Work/Old')).toBe(ids.get('Projects/Old'));
    expect(
      store.db.get<{ parent: string }>("SELECT parent_id AS parent FROM mailboxes WHERE path = 'Work/Old'")?.parent,
    ).toBe(ids.get('Projects'));
    store.close();
  });

  it('leaves it a delete and an add when the match is not certain', async () => {
    // Two new folders share the vanished folder's UIDVALIDITY (a server that reuses it).
    let store = storeWith({ A: [1, 5] });
    let renames = await findRenames(server({ B: [1, 5], C: [1, 5] }).client, store.db, 'acc', [
      folder('B'),
      folder('C'),
    ]);
    expect(renames.size).toBe(0);
    store.close();
    // UIDNEXT went back: not the same folder.
    store = storeWith({ A: [1, 50] });
    renames = await findRenames(server({ B: [1, 3] }).client, store.db, 'acc', [folder('B')]);
    expect(renames.size).toBe(0);
    store.close();
    // Nothing vanished: STATUS is not asked at all.
    store = storeWith({ A: [1, 5] });
    const quiet = server({ B: [2, 1] });
    expect((await findRenames(quiet.client, store.db, 'acc', [folder('A'), folder('B')])).size).toBe(0);
    expect(quiet.asked).toEqual([]);
    store.close();
  });
});
