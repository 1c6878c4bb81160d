import type { ChannelName, EventName } from './channels';
import type { ChannelInput, ChannelOutput, EventPayload } from './contract';

/**
 * One realistic example per channel and event. The mapped types make a missing example a type
 * error; test/unit/ipc-contract.test.ts round-trips each through JSON and its schema.
 */
export const channelExamples: { [C in ChannelName]: { input: ChannelInput<C>; output: ChannelOutput<C> } } = {
  'app:info': {
    input: {},
    output: {
      name: 'Letterbox',
      version: '0.1.0',
      shell: 'web',
      profileDir: '/home/ada/.config/Letterbox',
      schemaVersion: 1,
      secretBackend: 'file-vault',
      notices: [
        {
          level: 'warning',
          code: 'settings_recovered',
          message: 'Your settings file could not be read; it was kept as settings.corrupt-1.json.',
        },
      ],
    },
  },
  'accounts:list': {
    input: {},
    output: {
      accounts: [
        { id: 'acc-1', displayName: 'Work', email: 'ada@example.com', incoming: 'imap', includeInUnified: true },
      ],
    },
  },
  'mailboxes:list': {
    input: { accountId: 'acc-1' },
    output: {
      mailboxes: [
        {
          id: 'mbx-1',
          accountId: 'acc-1',
          path: 'INBOX',
          name: 'Inbox',
          parentId: null,
          specialUse: 'inbox',
          unread: 3,
          total: 120,
        },
      ],
    },
  },
  'messages:list': {
    input: { source: { kind: 'mailbox', mailboxId: 'mbx-1' }, limit: 50, cursor: null },
    output: {
      messages: [
        {
          id: 'msg-1',
          accountId: 'acc-1',
          mailboxId: 'mbx-1',
          subject: 'Réunion — 日本語 ✓',
          from: { name: 'Grace Hopper', address: 'grace@example.org' },
          date: '2026-11-30T09:15:00.000+01:00',
          snippet: 'See you at ten.',
          unread: true,
          flagged: false,
          hasAttachments: true,
          threadId: 'thr-1',
        },
      ],
      nextCursor: null,
    },
  },
  'prefs:get': { input: {}, output: { layout: 'columns', paneSizes: [220, 420] } },
  'prefs:update': { input: { layout: 'stacked' }, output: { layout: 'stacked', paneSizes: [220, 420] } },
};

export const eventExamples: { [E in EventName]: EventPayload<E> } = {
  'app:notice': { level: 'info', code: 'offline', message: 'You are offline; sends wait in the outbox.' },
  'mailbox:changed': { accountId: 'acc-1', mailboxId: 'mbx-1' },
};
