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

  dialog(name: string): Locator {
    return this.page.getByRole('dialog', { name, exact: true });
  }

  get statusBar(): Locator {
    return this.page.getByRole('contentinfo').getByRole('status');
  }
}
