import type { Account } from '../../../shared/model/account';

/** in:NAME for these names means the folder with that special use, whatever it is called. */
export const SPECIAL_FOLDERS: Readonly<Record<string, string>> = {
  inbox: 'inbox',
  sent: 'sent',
  drafts: 'drafts',
  trash: 'trash',
  junk: 'junk',
  spam: 'junk',
  archive: 'archive',
};

/** The same test as the SQL compile.ts builds for in:NAME (name or path, any case, or special use). */
export function folderMatches(name: string, folder: { path: string; name: string; special_use: string | null }) {
  const lower = name.toLowerCase();
  return (
    folder.name.toLowerCase() === lower ||
    folder.path.toLowerCase() === lower ||
    (folder.special_use !== null && SPECIAL_FOLDERS[lower] === folder.special_use)
  );
}

/**
 * account:NAME: the accounts whose display name, an identity's address or the login name is NAME
 * (any case); failing that, those where one of them contains it ("account:work" for "Work mail").
 */
export function accountsNamed(accounts: readonly Account[], name: string): string[] {
  const lower = name.toLowerCase();
  const names = (account: Account) =>
    [account.displayName, account.incoming.username, ...account.identities.map((i) => i.address)].map((n) =>
      n.toLowerCase(),
    );
  const exact = accounts.filter((account) => names(account).includes(lower));
  const found = exact.length > 0 ? exact : accounts.filter((account) => names(account).some((n) => n.includes(lower)));
  return found.map((account) => account.id);
}

/** account:NAME values that name no account, for a clear message before anything runs. */
export function unknownAccountNames(accounts: readonly Account[], names: readonly string[]): string[] {
  return names.filter((name) => accountsNamed(accounts, name).length === 0);
}
