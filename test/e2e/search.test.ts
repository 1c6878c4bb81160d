/**
 * Search in the mail window against the harness's real Dovecot: `/` focuses the box, results
 * follow typing with the matches marked, operators narrow them, a malformed query is explained
 * under the box, Escape returns to the Inbox, and the usual actions work on a result.
 */
import { describe, expect, inject, it } from 'vitest';
import { deliverMessage } from '../support/doveadm';
import { useAppSession } from './support/app-session';
import { harnessAppOpener } from './support/harness-app';
import { flagsOnServer, rawMessage, syncNow } from './support/server-mail';

const servers = inject('mailServers');
const session = useAppSession({
  prefix: 'letterbox-search-ui-',
  env: { LETTERBOX_SECRETS: 'vault', NODE_EXTRA_CA_CERTS: servers.tls.caPath },
});
const openAppWithAccount = harnessAppOpener(session, servers, {
  userPrefix: 'searchui',
  name: 'Sam Search',
  accountName: 'Search test',
});

const box = () => session.page.getByRole('searchbox', { name: 'Search mail' });
const results = () =>
  session.page
    .getByRole('region', { name: 'Search results', exact: true })
    .getByRole('grid', { name: 'Search results' });
const resultRow = (subject: string) => results().getByRole('row').filter({ hasText: subject });
const resultSubjects = () => results().locator('.message-subject-text').allTextContents();

describe('searching mail', () => {
  it('finds as you type with matches marked, narrows by operator, explains mistakes and acts on results', async () => {
    const user = await openAppWithAccount();
    await deliverMessage(servers.dovecot, user.name, rawMessage('Réunion au café', 'Anna Alpha <anna@example.org>'));
    await deliverMessage(servers.dovecot, user.name, rawMessage('Café closing times', 'Bob Beta <bob@example.org>'));
    await deliverMessage(
      servers.dovecot,
      user.name,
      rawMessage('日本語のメール', 'Taro <taro@example.org>', '東京で会議'),
    );
    await syncNow(session);
    await session.app.messageRow('日本語のメール').waitFor();

    await session.page.locator('body').press('/');
    await expect.poll(() => box().evaluate((input) => input === document.activeElement)).toBe(true);
    expect(await box().getAttribute('placeholder')).toContain('from:');

    // Accents fold: "cafe" finds both, and the mark holds the text as written.
    await box().pressSequentially('cafe');
    await expect.poll(() => resultSubjects().then((s) => s.sort())).toEqual(['Café closing times', 'Réunion au café']);
    expect(await resultRow('Réunion au café').locator('mark').first().textContent()).toBe('café');
    await expect
      .poll(() =>
        session.page
          .getByRole('status')
          .filter({ hasText: /results?$/ })
          .textContent(),
      )
      .toBe('2 results');

    await box().fill('日本語');
    await expect.poll(resultSubjects).toEqual(['日本語のメール']);
    expect(await resultRow('日本語のメール').locator('mark').first().textContent()).toBe('日本語');

    await box().fill('cafe from:bob');
    await expect.poll(resultSubjects).toEqual(['Café closing times']);

    await box().fill('nothing-like-this');
    await session.page.getByText('No results for “nothing-like-this”').waitFor();

    await box().fill('form:x');
    await expect
      .poll(() => session.page.getByRole('alert').filter({ hasText: 'did you mean' }).textContent())
      .toBe('Unknown operator "form:" — did you mean "from:"?');

    await box().press('Escape');
    expect(await box().inputValue()).toBe('');
    await session.app.messageRow('Réunion au café').waitFor();
    await results().waitFor({ state: 'detached' });

    // Enter goes to the first result; it opens like any message and the flag key reaches the server.
    await box().fill('from:anna');
    await box().press('Enter');
    const row = resultRow('Réunion au café');
    await expect.poll(() => row.evaluate((element) => element === document.activeElement)).toBe(true);
    await session.page.keyboard.press('Enter');
    await session.app.reader.getByRole('heading', { name: 'Réunion au café' }).waitFor();
    await session.page.keyboard.press('s');
    await row.getByText('Flagged').waitFor();
    await expect
      .poll(async () => (await flagsOnServer(servers, user, 'INBOX', 'Réunion au café'))[0] ?? [], { timeout: 20_000 })
      .toContain('\\Flagged');
  });
});
