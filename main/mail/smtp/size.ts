import type { Classified } from './classify';

/** The SIZE an EHLO reply advertises ("250-SIZE 10240000"), or null for none or "no limit" (SIZE 0). */
export function sizeLimit(ehloReply: string | null): number | null {
  const match = /^\d{3}[ -]SIZE(?:[ \t]+(\d+))?\s*$/im.exec(ehloReply ?? '');
  const limit = Number(match?.[1] ?? 0);
  return limit > 0 ? limit : null;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(bytes < 10_000_000 ? 1 : 0)} MB`;
}

/** The message is larger than the server said it takes: refused here, before MAIL FROM. */
export function sizeFailure(bytes: number, limit: number, server: string, scrub: (text: string) => string): Classified {
  return {
    kind: 'permanent',
    failure: {
      phase: 'size',
      code: null,
      enhanced: null,
      reply: null,
      message: scrub(`Message is ${bytes} bytes; the server's SIZE limit is ${limit} bytes`),
      explanation: `The message (${megabytes(bytes)}) is larger than ${server} accepts (${megabytes(limit)}), so Letterbox did not send it. Send smaller attachments, or share large files by link.`,
    },
  };
}
