import type { ChannelName, EventName } from './channels';
import type { ChannelInput, ChannelOutput, EventPayload } from './contract';
import type { Account } from '../model/account';
import type { Draft, DraftFields } from '../model/draft';
import type { OutboxItem } from '../model/outbox';
import type { VerifyResult } from '../model/setup';

const account: Account = {
  id: 'acc-1',
  displayName: 'Work',
  incoming: {
    protocol: 'imap',
    host: 'mail.example.com',
    port: 993,
    security: 'implicit',
    username: 'ada@example.com',
    authMethod: 'auto',
    pinnedCertificate: null,
  },
  outgoing: {
    host: 'mail.example.com',
    port: 465,
    security: 'implicit',
    username: 'ada@example.com',
    authMethod: 'auto',
    pinnedCertificate: null,
    sameCredentialsAsIncoming: true,
  },
  identities: [
    {
      id: 'id-1',
      name: 'Ada Lovelace',
      address: 'ada@example.com',
      replyTo: null,
      signature: 'Ada',
      signatureHtml: '<p><b>Ada</b> Lovelace</p>',
      replySignature: null,
      replySignatureHtml: null,
      smtp: null,
    },
  ],
  pop3: { leaveOnServer: true, deleteAfterDays: null, deleteWhenDeletedHere: false },
  imap: { offlineWindowDays: 365, qresync: true },
  includeInUnified: true,
  insecureAcknowledged: false,
};

const outboxItem: OutboxItem = {
  id: 'out-1',
  accountId: 'acc-1',
  identityId: 'id-1',
  state: 'scheduled',
  subject: 'Réunion',
  toSummary: 'Grace Hopper',
  messageId: '<0b6c1f4e@example.com>',
  createdAt: '2026-11-30T09:15:00.000Z',
  sendAt: '2026-11-30T09:15:05.000Z',
  sendLater: false,
  attempts: 0,
  nextAttemptAt: null,
  lastError: null,
  recipients: [],
  sentAt: null,
  queueId: null,
  filing: { state: 'pending', error: null, filedAt: null },
  note: null,
};

const draftFields: DraftFields = {
  accountId: 'acc-1',
  identityId: 'id-1',
  to: '"Hopper, Grace" <grace@example.org>, alan@example.net',
  cc: '',
  bcc: '',
  subject: 'Re: Réunion',
  format: 'rich',
  html: '<p>Ten is fine.</p><img src="cid:img-1@letterbox">',
  text: 'Ten is fine.',
  inReplyTo: '<0b6c1f4e@example.org>',
  references: ['<0b6c1f4e@example.org>'],
  source: { kind: 'reply', messageId: 'msg-1' },
};

const draft: Draft = {
  ...draftFields,
  id: 'draft-1',
  attachments: [
    {
      id: 'att-1',
      filename: 'plan.png',
      contentType: 'image/png',
      size: 48213,
      inline: true,
      contentId: 'img-1@letterbox',
    },
  ],
  createdAt: '2026-11-30T09:10:00.000Z',
  updatedAt: '2026-11-30T09:12:30.000Z',
};

const verified: VerifyResult = {
  server: 'incoming',
  protocol: 'imap',
  host: 'mail.example.com',
  port: 993,
  ok: true,
  steps: [
    { step: 'dns', ok: true, detail: 'mail.example.com is 192.0.2.10' },
    { step: 'auth', ok: true, detail: 'Logged in as ada@example.com' },
  ],
  failure: null,
};

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
  'accounts:get': { input: { id: 'acc-1' }, output: account },
  'accounts:save': {
    input: { account: { ...account, id: null }, password: 'example-password', outgoingPassword: null },
    output: { id: 'acc-1', displayName: 'Work', email: 'ada@example.com', incoming: 'imap', includeInUnified: true },
  },
  'accounts:remove': { input: { id: 'acc-1' }, output: { removedMessages: 120 } },
  'setup:discover': {
    input: { requestId: 'req-0001', email: 'ada@example.com' },
    output: {
      config: {
        source: 'domain-autoconfig',
        providerName: 'Example Mail',
        incoming: [
          { protocol: 'imap', host: 'mail.example.com', port: 993, security: 'implicit', username: 'ada@example.com' },
        ],
        outgoing: [{ host: 'mail.example.com', port: 465, security: 'implicit', username: 'ada@example.com' }],
        guidance: null,
      },
      steps: [
        { source: 'provider-table', status: 'not-found', detail: 'example.com is not a known provider', durationMs: 0 },
        {
          source: 'domain-autoconfig',
          status: 'found',
          detail: 'GET https://autoconfig.example.com/mail/config-v1.1.xml → 200',
          durationMs: 84,
        },
      ],
    },
  },
  'setup:verify': {
    input: { requestId: 'req-0002', account, password: 'example-password', outgoingPassword: null },
    output: {
      incoming: verified,
      outgoing: {
        ...verified,
        server: 'outgoing',
        protocol: 'smtp',
        port: 465,
        ok: false,
        failure: {
          code: 'auth_failed',
          message:
            'mail.example.com refused the login: 535 5.7.8 Authentication credentials invalid. Check the username and password.',
          serverText: '535 5.7.8 Authentication credentials invalid',
          certificate: null,
          authMethods: ['PLAIN', 'LOGIN'],
        },
      },
    },
  },
  'setup:cancel': { input: { requestId: 'req-0001' }, output: { cancelled: true } },
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
    input: {
      source: { kind: 'mailbox', mailboxId: 'mbx-1' },
      limit: 50,
      cursor: null,
      sort: 'date',
      conversations: true,
      offset: 0,
    },
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
          threadKey: 'thr-1',
          threadCount: 3,
        },
      ],
      nextCursor: null,
      total: 1,
    },
  },
  'prefs:get': {
    input: {},
    output: {
      layout: 'columns',
      paneSizes: [220, 420],
      undoSendSeconds: 5,
      signaturePlacement: 'below',
      remoteContentSenders: [],
      listHeight: 320,
    },
  },
  'prefs:update': {
    input: { layout: 'stacked' },
    output: {
      layout: 'stacked',
      paneSizes: [220, 420],
      undoSendSeconds: 5,
      signaturePlacement: 'below',
      remoteContentSenders: ['news@example.org'],
      listHeight: 320,
    },
  },
  'messages:setFlags': { input: { ids: ['msg-1'], add: ['seen'], remove: [] }, output: { changed: 1, queued: 1 } },
  'messages:move': { input: { ids: ['msg-1'], toMailboxId: 'mbx-2' }, output: { changed: 1, queued: 1 } },
  'messages:archive': { input: { ids: ['msg-1', 'msg-2'] }, output: { changed: 2, queued: 1 } },
  'messages:delete': { input: { ids: ['msg-1'] }, output: { changed: 1, queued: 1 } },
  'outbox:send': {
    input: {
      draft: {
        accountId: 'acc-1',
        identityId: 'id-1',
        to: [{ name: 'Grace Hopper', address: 'grace@example.org' }],
        subject: 'Réunion',
        text: 'See you at ten.',
      },
      sendAt: null,
    },
    output: outboxItem,
  },
  'outbox:list': { input: {}, output: { items: [outboxItem] } },
  'outbox:get': {
    input: { id: 'out-1' },
    output: {
      ...outboxItem,
      state: 'filed',
      sentAt: '2026-11-30T09:15:07.000Z',
      queueId: '4F3A2B1C',
      filing: { state: 'filed', error: null, filedAt: '2026-11-30T09:15:08.000Z' },
      envelopeFrom: 'ada@example.com',
      envelopeTo: ['grace@example.org'],
      attemptLog: [
        {
          number: 1,
          startedAt: '2026-11-30T09:15:05.000Z',
          endedAt: '2026-11-30T09:15:07.000Z',
          outcome: 'sent',
          server: 'mail.example.com:465',
          tls: { protocol: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384' },
          transcript: [
            { at: 12, dir: 'server', text: '220 mail.example.com ESMTP' },
            { at: 13, dir: 'client', text: 'EHLO [127.0.0.1]' },
            { at: 40, dir: 'client', text: 'AUTH PLAIN /* secret */' },
            { at: 90, dir: 'server', text: '250 2.0.0 Ok: queued as 4F3A2B1C' },
          ],
          queueId: '4F3A2B1C',
          timings: { connectMs: 30, authMs: 20, dataMs: 40, totalMs: 95 },
          failure: null,
        },
      ],
    },
  },
  'outbox:cancel': { input: { id: 'out-1' }, output: { draftId: 'draft-1' } },
  'outbox:retry': { input: { id: 'out-1' }, output: { ...outboxItem, state: 'queued' } },
  'outbox:markSent': { input: { id: 'out-1' }, output: { ...outboxItem, state: 'sent' } },
  'outbox:flush': { input: {}, output: { attempted: 1, sent: 1, filed: 1 } },
  'drafts:list': {
    input: {},
    output: {
      drafts: [
        {
          id: 'draft-1',
          accountId: 'acc-1',
          subject: 'Re: Réunion',
          to: '"Hopper, Grace" <grace@example.org>, alan@example.net',
          snippet: 'Ten is fine.',
          attachmentCount: 1,
          updatedAt: '2026-11-30T09:12:30.000Z',
          serverError: null,
        },
        {
          id: 'draft-2',
          accountId: 'acc-1',
          subject: 'Site photos',
          to: 'alan@example.net',
          snippet: 'All forty of them.',
          attachmentCount: 40,
          updatedAt: '2026-11-30T09:10:00.000Z',
          serverError: 'Quota exceeded (mailbox for user is full)',
        },
      ],
    },
  },
  'drafts:get': { input: { id: 'draft-1' }, output: draft },
  'drafts:save': {
    input: { id: 'draft-1', fields: draftFields },
    output: { id: 'draft-1', updatedAt: '2026-11-30T09:12:30.000Z' },
  },
  'drafts:delete': { input: { id: 'draft-1' }, output: { deleted: true } },
  'drafts:attach': {
    input: {
      draftId: 'draft-1',
      filename: 'Übersicht 2026.pdf',
      contentType: 'application/pdf',
      contentBase64: 'JVBERi0xLjQK',
      inline: false,
      appendTo: null,
    },
    output: {
      id: 'att-2',
      filename: 'Übersicht 2026.pdf',
      contentType: 'application/pdf',
      size: 9,
      inline: false,
      contentId: null,
    },
  },
  'drafts:detach': { input: { draftId: 'draft-1', attachmentId: 'att-2' }, output: { removed: true } },
  'drafts:attachmentData': {
    input: { draftId: 'draft-1', attachmentId: 'att-2', offset: 0 },
    output: { contentType: 'application/pdf', contentBase64: 'JVBERi0xLjQK', size: 9, nextOffset: null },
  },
  'drafts:send': { input: { id: 'draft-1', sendAt: null }, output: outboxItem },
  'compose:start': { input: { kind: 'reply', messageId: 'msg-1', accountId: null }, output: draft },
  'compose:mailto': {
    input: { url: 'mailto:grace@example.org?subject=R%C3%A9union&body=See%20you' },
    output: {
      ...draft,
      to: 'grace@example.org',
      subject: 'Réunion',
      format: 'rich',
      html: '<p>See you</p><div class="signature">-- <br><p><b>Ada</b> Lovelace</p></div>',
      text: 'See you\n\n-- \nAda',
      inReplyTo: null,
      references: [],
      source: null,
      attachments: [],
    },
  },
  'search:query': {
    input: { query: 'from:grace "quarterly report" -is:read', accountId: null, limit: 50, cursor: null, sort: 'date' },
    output: {
      ok: true,
      hits: [
        {
          id: 'msg-1',
          accountId: 'acc-1',
          mailboxId: 'mbx-1',
          subject: 'Quarterly report — 日本語',
          from: { name: 'Grace Hopper', address: 'grace@example.org' },
          date: '2026-11-30T09:15:00.000Z',
          snippet: 'The quarterly report is attached.',
          unread: true,
          flagged: false,
          hasAttachments: true,
          threadId: 'thr-1',
          subjectSegments: [
            { text: 'Quarterly report', match: true },
            { text: ' — 日本語', match: false },
          ],
          snippetSegments: [
            { text: 'The ', match: false },
            { text: 'quarterly report', match: true },
            { text: ' is attached.', match: false },
          ],
          remote: false,
        },
      ],
      nextCursor: null,
      server: { folders: 1, found: 0, errors: [] },
    },
  },
  'contacts:search': {
    input: { query: 'gra', limit: 10 },
    output: {
      contacts: [
        { name: 'Grace Hopper', address: 'grace@example.org', count: 14, lastUsedAt: '2026-11-30T09:15:00.000Z' },
      ],
    },
  },
  'compose:limits': {
    input: { accountId: 'acc-1', identityId: 'id-1' },
    output: {
      host: 'mail.example.com',
      port: 465,
      state: 'advertised',
      limit: 26_214_400,
      seenAt: '2026-11-30T09:15:00.000Z',
    },
  },
  'messages:thread': { input: { mailboxId: 'mbx-1', threadKey: 'mid:abc@example.org' }, output: { messages: [] } },
  'sync:statuses': {
    input: {},
    output: { statuses: [{ accountId: 'acc-1', state: 'idle', message: null, at: '2026-01-02T10:00:00.000Z' }] },
  },
  'sync:run': {
    input: { accountId: 'acc-1' },
    output: {
      accounts: [
        {
          accountId: 'acc-1',
          ok: true,
          error: null,
          durationMs: 812,
          folders: [
            {
              mailboxId: 'mbx-1',
              path: 'INBOX',
              strategy: 'append',
              added: 3,
              updated: 0,
              removed: 0,
              bodies: 3,
              total: 120,
              durationMs: 95,
              error: null,
            },
          ],
        },
      ],
    },
  },
  'messages:get': {
    input: { id: 'msg-1', download: false },
    output: {
      id: 'msg-1',
      accountId: 'acc-1',
      mailboxId: 'mbx-1',
      subject: 'Réunion',
      from: { name: 'Grace Hopper', address: 'grace@example.org' },
      replyTo: [],
      to: [{ name: '', address: 'ada@example.com' }],
      cc: [],
      date: '2026-11-30T09:00:00.000Z',
      unread: true,
      body: { state: 'local', html: '<p>Ten is fine.</p>', htmlTruncated: false, text: 'Ten is fine.' },
      attachments: [
        {
          partId: '1',
          filename: 'agenda.pdf',
          mimeType: 'application/pdf',
          size: 1024,
          contentId: null,
          inline: false,
        },
      ],
      warnings: [],
    },
  },
  'messages:source': {
    input: { id: 'msg-1' },
    output: { source: 'Subject: Réunion\r\n\r\nTen is fine.\r\n', size: 35, truncated: false },
  },
  'messages:remoteImage': {
    input: { url: 'https://example.org/logo.png' },
    output: { url: 'https://example.org/logo.png', dataUrl: 'data:image/png;base64,iVBORw0KGgo=', error: null },
  },
  'attachments:data': {
    input: { messageId: 'msg-1', partId: '1', offset: 0 },
    output: {
      filename: 'agenda.pdf',
      mimeType: 'application/pdf',
      size: 4,
      contentBase64: 'JVBERg==',
      nextOffset: null,
    },
  },
  'attachments:save': {
    input: { messageId: 'msg-1', partId: '1' },
    output: { path: '/home/ada/Downloads/agenda.pdf', filename: 'agenda.pdf' },
  },
  'attachments:open': {
    input: { messageId: 'msg-1', partId: '1', confirmedExecutable: false },
    output: { opened: true },
  },
};

export const eventExamples: { [E in EventName]: EventPayload<E> } = {
  'app:notice': { level: 'info', code: 'offline', message: 'You are offline; sends wait in the outbox.' },
  'mailbox:changed': { accountId: 'acc-1', mailboxId: 'mbx-1' },
  'accounts:changed': { accountId: 'acc-1', change: 'added' },
  'setup:progress': {
    requestId: 'req-0001',
    step: { source: 'srv', status: 'running', detail: 'Looking up _imaps._tcp.example.com', durationMs: 0 },
  },
  'sync:progress': { accountId: 'acc-1', mailboxId: 'mbx-1', phase: 'headers', done: 200, total: 1200 },
  'sync:status': { accountId: 'acc-1', state: 'syncing', message: null, at: '2026-01-02T10:00:00.000Z' },
  'outbox:changed': { id: 'out-1', state: 'sending' },
  'drafts:changed': { id: 'draft-1', change: 'saved' },
  'compose:open': { draftId: 'draft-1' },
  'mail:new': {
    accountId: 'acc-1',
    mailboxId: 'mbx-1',
    count: 1,
    messages: [{ id: 'msg-1', from: 'Grace Hopper', subject: '<b>Réunion</b> is plain text here' }],
  },
};
