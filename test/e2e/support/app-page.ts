import type { Locator, Page } from 'playwright-core';

/** The main window as a user (or screen reader) finds it: by role and accessible name. */
export class AppPage {
  constructor(readonly page: Page) {}

  get folders(): Locator {
    return this.page.getByRole('region', { name: 'Folders', exact: true });
  }

  get messages(): Locator {
    return this.page.getByRole('region', { name: 'Messages', exact: true });
  }

  get reader(): Locator {
    return this.page.getByRole('region', { name: 'Reader', exact: true });
  }

  get toolbar(): Locator {
    return this.page.getByRole('toolbar', { name: 'Mail actions' });
  }

  get addAccount(): Locator {
    return this.toolbar.getByRole('button', { name: 'Add account', exact: true });
  }

  get compose(): Locator {
    return this.toolbar.getByRole('button', { name: 'Compose', exact: true });
  }

  get settings(): Locator {
    return this.toolbar.getByRole('button', { name: 'Settings', exact: true });
  }

  /** The Outbox entry in the folder pane; its name also carries the count ("Outbox, 1 not sent yet"). */
  get outboxFolder(): Locator {
    return this.folders.getByRole('button', { name: /^Outbox\b/ });
  }

  /** Every draft being written (not an account's Drafts folder); the name also carries the count. */
  get draftsFolder(): Locator {
    return this.folders.getByRole('button', { name: /^All drafts\b/ });
  }

  /** The message-list pane while it shows the drafts. */
  get drafts(): Locator {
    return this.page.getByRole('region', { name: 'Drafts', exact: true });
  }

  /** The message-list pane while it shows the outbox. */
  get outbox(): Locator {
    return this.page.getByRole('region', { name: 'Outbox', exact: true });
  }

  /** The snackbar after a send: the undo countdown and what became of the message. */
  get sendToasts(): Locator {
    return this.page.getByRole('status', { name: 'Sending', exact: true });
  }

  dialog(name: string): Locator {
    return this.page.getByRole('dialog', { name, exact: true });
  }

  /** The virtualized message list (an ARIA grid of rows). */
  get messageGrid(): Locator {
    return this.messages.getByRole('grid', { name: 'Message list', exact: true });
  }

  /** A message row by its subject. */
  messageRow(subject: string): Locator {
    return this.messageGrid.getByRole('row').filter({ hasText: subject });
  }

  get messageActions(): Locator {
    return this.page.getByRole('toolbar', { name: 'Message actions' });
  }

  /** One account's folders (an ARIA tree). */
  folderTree(accountName: string): Locator {
    return this.folders.getByRole('tree', { name: `Folders of ${accountName}`, exact: true });
  }

  get statusBar(): Locator {
    return this.page.getByRole('contentinfo').getByRole('status');
  }
}
