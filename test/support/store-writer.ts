// Child process for the profile-concurrency test: opens a profile the way the CLI does and writes
// `count` messages, each in its own transaction, as another process would while the app runs.
import { openNodeApp } from '../../main/platform/node/open-node-app';

const [profileDir, writer, count] = process.argv.slice(2);
const app = await openNodeApp({ profileDir, shell: 'cli', env: { LETTERBOX_SECRETS: 'vault' } });
const db = app.ctx.store.db;
db.run("INSERT OR IGNORE INTO mailboxes (id, account_id, path, name) VALUES ('shared', 'a', 'INBOX', 'Inbox')");
for (let i = 0; i < Number(count); i += 1) {
  db.transaction((tx) => {
    tx.run("INSERT INTO messages (id, account_id, mailbox_id, date) VALUES (?, 'a', 'shared', ?)", [
      `${writer}-${i}`,
      new Date().toISOString(),
    ]);
  });
}
await app.close();
