/**
 * Channel and event names only, with no schema library attached, so the preload bundle can carry
 * the allow-list without pulling zod into the sandbox. contract.ts is checked against these lists.
 */
export const CHANNELS = [
  'app:info',
  'accounts:list',
  'accounts:get',
  'accounts:save',
  'accounts:remove',
  'setup:discover',
  'setup:verify',
  'setup:cancel',
  'mailboxes:list',
  'messages:list',
  'prefs:get',
  'prefs:update',
  'sync:run',
  'sync:statuses',
  'messages:setFlags',
  'messages:move',
  'messages:archive',
  'messages:delete',
  'outbox:send',
  'outbox:list',
  'outbox:get',
  'outbox:cancel',
  'outbox:retry',
  'outbox:markSent',
  'outbox:flush',
  'drafts:list',
  'drafts:get',
  'drafts:save',
  'drafts:delete',
  'drafts:attach',
  'drafts:detach',
  'drafts:attachmentData',
  'drafts:send',
  'compose:start',
  'compose:mailto',
  'contacts:search',
  'search:query',
  'messages:get',
  'messages:source',
  'messages:remoteImage',
  'attachments:data',
  'attachments:save',
  'attachments:open',
  'compose:limits',
  'messages:thread',
] as const;
export type ChannelName = (typeof CHANNELS)[number];

export const EVENTS = [
  'app:notice',
  'mailbox:changed',
  'accounts:changed',
  'setup:progress',
  'sync:progress',
  'sync:status',
  'outbox:changed',
  'drafts:changed',
  'compose:open',
  'mail:new',
] as const;
export type EventName = (typeof EVENTS)[number];

export function isChannelName(value: unknown): value is ChannelName {
  return typeof value === 'string' && (CHANNELS as readonly string[]).includes(value);
}

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && (EVENTS as readonly string[]).includes(value);
}
