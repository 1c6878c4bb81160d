import type { OutboxDetails, OutboxItem } from '../../../shared/model/outbox';

/** One message in a few lines: state, who, what, and why when the state alone does not say. */
export function formatOutboxItem(item: OutboxItem): string {
  const lines = [
    `${item.id}  ${item.state.toUpperCase()}  ${item.subject || '(no subject)'}`,
    `  to ${item.toSummary}`,
  ];
  if (item.state === 'scheduled') lines.push(`  sends at ${item.sendAt}${item.sendLater ? ' (send later)' : ''}`);
  if (item.sentAt) lines.push(`  sent at ${item.sentAt}${item.queueId ? `, queue id ${item.queueId}` : ''}`);
  if (item.nextAttemptAt) lines.push(`  next try at ${item.nextAttemptAt} (attempt ${item.attempts} failed)`);
  for (const r of item.recipients.filter((r) => !r.accepted)) {
    lines.push(`  refused ${r.address}: ${r.reply}${r.explanation ? ` — ${r.explanation}` : ''}`);
  }
  if (item.lastError && item.state !== 'sent' && item.state !== 'filed') {
    lines.push(`  server said: ${item.lastError.reply ?? item.lastError.message}`);
  }
  if (item.note) lines.push(`  ${item.note}`);
  if (item.state === 'uncertain')
    lines.push(`  Choose: letterbox outbox retry ${item.id}  |  letterbox outbox mark-sent ${item.id}`);
  return lines.join('\n');
}

/** The attempt log as a domain owner wants it: server, TLS, timings and the whole transcript. */
export function formatOutboxDetails(details: OutboxDetails): string {
  const head = [
    formatOutboxItem(details),
    `  Message-ID ${details.messageId}`,
    `  envelope MAIL FROM:<${details.envelopeFrom}> RCPT TO: ${details.envelopeTo.map((a) => `<${a}>`).join(' ')}`,
    `  filing: ${details.filing.state}${details.filing.error ? ` (${details.filing.error})` : ''}`,
  ];
  const attempts = details.attemptLog.map((a) => {
    const tls = a.tls ? `${a.tls.protocol} ${a.tls.cipher}` : 'no TLS';
    const timing = a.timings
      ? `connect ${a.timings.connectMs ?? '-'} ms, auth ${a.timings.authMs ?? '-'} ms, data ${a.timings.dataMs ?? '-'} ms, total ${a.timings.totalMs} ms`
      : '';
    const transcript = a.transcript.map((line) => {
      const arrow = line.dir === 'client' ? 'C:' : line.dir === 'server' ? 'S:' : '  ';
      return `    ${String(Math.round(line.at)).padStart(6)} ms ${arrow} ${line.text}`;
    });
    return [
      `Attempt ${a.number}: ${a.outcome ?? 'running'} at ${a.startedAt} via ${a.server ?? '-'} (${tls})`,
      ...(timing ? [`  ${timing}`] : []),
      ...(a.failure ? [`  ${a.failure.explanation}`] : []),
      ...transcript,
    ].join('\n');
  });
  return [...head, '', ...attempts].join('\n');
}
