import type { Locator } from 'playwright-core';
import type { AppPage } from './app-page';

export interface MessageFields {
  to: string;
  subject: string;
  body: string;
}

export interface FileToAttach {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** The compose dialog ("New message", "Reply", …), by its labels and button names. */
export class ComposePage {
  readonly dialog: Locator;

  constructor(
    readonly app: AppPage,
    title = 'New message',
  ) {
    this.dialog = app.dialog(title);
  }

  /** Opens it from the toolbar and waits for the form (it starts a draft and loads the identities first). */
  static async open(app: AppPage): Promise<ComposePage> {
    await app.compose.click();
    return ComposePage.waitFor(app);
  }

  /** Waits for a compose dialog opened some other way (a reply, a saved draft). */
  static async waitFor(app: AppPage, title = 'New message'): Promise<ComposePage> {
    const compose = new ComposePage(app, title);
    await compose.field('To').waitFor();
    return compose;
  }

  field(label: string): Locator {
    return this.dialog.getByLabel(label, { exact: true });
  }

  get send(): Locator {
    return this.dialog.getByRole('button', { name: 'Send', exact: true });
  }

  /** "Saved 14:02" once everything on screen is in the draft store. */
  get saved(): Locator {
    return this.dialog.getByRole('status').filter({ hasText: /^Saved \d\d:\d\d$/ });
  }

  get attachments(): Locator {
    return this.dialog.getByRole('region', { name: /^Attachments/ });
  }

  async fill(message: MessageFields): Promise<void> {
    await this.field('To').fill(message.to);
    await this.field('Subject').fill(message.subject);
    await this.field('Message').fill(message.body);
  }

  /** Through the file picker, as a user choosing files would; waits until each is listed. */
  async attach(files: FileToAttach[]): Promise<void> {
    await this.dialog.getByLabel('Attach files…', { exact: true }).setInputFiles(files);
    for (const file of files) {
      await this.attachments.getByRole('button', { name: `Remove ${file.name}`, exact: true }).waitFor();
    }
  }

  /** Plain-text mode, confirming that formatting is dropped. */
  async switchToPlainText(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Plain text', exact: true }).click();
    await this.dialog.getByRole('button', { name: 'Switch to plain text', exact: true }).click();
    await this.dialog.locator('textarea[aria-label="Message"]').waitFor();
  }

  /** Sends and waits for the dialog to close (it stays open, with an alert, if main refused). */
  async sendAndClose(): Promise<void> {
    await this.send.click();
    await this.dialog.waitFor({ state: 'detached' });
  }
}
