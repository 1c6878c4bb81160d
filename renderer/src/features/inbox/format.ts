import type { Address } from '../../../../shared/model/message';

const sameDay = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const otherDay = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
const full = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short' });

/** Time for today's mail, the date otherwise: what a list needs to scan. */
export function shortDate(iso: string, now = new Date()): string {
  const date = new Date(iso);
  return date.toDateString() === now.toDateString() ? sameDay.format(date) : otherDay.format(date);
}

export function longDate(iso: string): string {
  return full.format(new Date(iso));
}

export function senderName(from: Address | null): string {
  if (from === null) return '(no sender)';
  return from.name || from.address;
}

export function subjectText(subject: string): string {
  return subject.trim() === '' ? '(no subject)' : subject;
}

const timeToday = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const timeOtherDay = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: 'numeric',
  minute: '2-digit',
});

/** A moment to come or just past (a send time, a retry): the time, and the day unless it is today. */
export function momentText(iso: string, now = new Date()): string {
  const date = new Date(iso);
  return date.toDateString() === now.toDateString() ? timeToday.format(date) : timeOtherDay.format(date);
}
