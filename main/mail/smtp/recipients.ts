import { explainSmtpReply } from './explain';
import { parseReply } from './reply';
import type { Exchange } from './transcript';
import type { RecipientResult } from './types';

/** The address of a "RCPT TO:<a@b> NOTIFY=…" command, as sent. */
function rcptAddress(command: string): string | null {
  return /^RCPT TO:<([^>]*)>/i.exec(command)?.[1] ?? null;
}

/**
 * What the server said to each recipient, from the RCPT TO exchanges of this attempt, in the
 * envelope's order. Recipients that got no reply (the session ended before their RCPT TO was
 * answered, or before it was sent) are left out: there is nothing to report about them.
 */
export function recipientResults(
  addresses: readonly string[],
  exchanges: readonly Exchange[],
  scrub: (text: string) => string,
): RecipientResult[] {
  const answered = exchanges.filter((exchange) => exchange.reply !== null && rcptAddress(exchange.command) !== null);
  const results: RecipientResult[] = [];
  for (const address of addresses) {
    // Each reply is used once, so a recipient listed twice takes the two replies in turn.
    const index = answered.findIndex((exchange) => rcptAddress(exchange.command) === address.trim());
    if (index < 0) continue;
    const [exchange] = answered.splice(index, 1);
    const reply = exchange?.reply ?? '';
    const { code, enhanced } = parseReply(reply);
    const accepted = code !== null && code >= 200 && code < 300;
    results.push({
      address,
      accepted,
      code,
      enhanced,
      reply: scrub(reply),
      explanation: accepted ? null : explainSmtpReply(code, enhanced, reply),
    });
  }
  return results;
}
