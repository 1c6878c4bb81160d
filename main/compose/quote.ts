import type { MailAddress } from '../../shared/model/outbox';
import { formatAddressList } from '../drafts/addresses';
import { escapeHtml, textToHtml } from './html-escape';

/** The original as quoting needs it. Only its plain text is used: main never parses its HTML. */
export interface QuotedMessage {
  from: MailAddress | null;
  to: readonly MailAddress[];
  cc: readonly MailAddress[];
  subject: string;
  date: string;
  text: string;
}

/** A body part in both modes: the plain text and the same content as safe HTML. */
export interface BodyBlock {
  text: string;
  html: string;
}

export function formatDate(iso: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat('en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    ...(timeZone ? { timeZone } : {}),
  }).format(date);
}

function senderName(from: MailAddress | null): string {
  return from ? from.name || from.address : 'Unknown sender';
}

function quoteLines(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\n+$/, '')
    .split('\n')
    .map((line) => (line.startsWith('>') ? `>${line}` : line === '' ? '>' : `> ${line}`))
    .join('\n');
}

/** "On DATE, NAME wrote:" and the original quoted: "> " lines, or an escaped <blockquote>. */
export function replyQuote(message: QuotedMessage, timeZone?: string): BodyBlock {
  const intro = `On ${formatDate(message.date, timeZone)}, ${senderName(message.from)} wrote:`;
  return {
    text: `${intro}\n${quoteLines(message.text)}`,
    html: `<p>${escapeHtml(intro)}</p><blockquote type="cite">${textToHtml(message.text)}</blockquote>`,
  };
}

/** An inline forward: a header block (From, Date, Subject, To, Cc) and the original text, unquoted. */
export function forwardBlock(message: QuotedMessage, timeZone?: string): BodyBlock {
  const headers: [string, string][] = [
    ['From', message.from ? formatAddressList([message.from]) : ''],
    ['Date', formatDate(message.date, timeZone)],
    ['Subject', message.subject],
    ['To', formatAddressList(message.to)],
  ];
  if (message.cc.length > 0) headers.push(['Cc', formatAddressList(message.cc)]);
  const title = '---------- Forwarded message ----------';
  const lines = headers.map(([name, value]) => `${name}: ${value}`);
  return {
    text: `${title}\n${lines.join('\n')}\n\n${message.text.replace(/\r\n?/g, '\n')}`,
    html:
      `<p>${escapeHtml(title)}<br>${lines.map(escapeHtml).join('<br>')}</p>` +
      `<div class="forwarded">${textToHtml(message.text)}</div>`,
  };
}
