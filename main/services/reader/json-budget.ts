/**
 * Cuts `text` so its JSON encoding fits in `maxBytes`: the browser shell carries each reply in
 * one WebSocket frame of at most 1 MiB (shared/ipc/wire.ts), and escapes and UTF-8 make a
 * string's encoded size differ from its length.
 */
export function fitJson(text: string, maxBytes: number): { text: string; cut: boolean } {
  let out = text;
  let size = Buffer.byteLength(JSON.stringify(out), 'utf8');
  if (size <= maxBytes) return { text: out, cut: false };
  while (size > maxBytes && out.length > 0) {
    out = out.slice(0, Math.floor(out.length * (maxBytes / size) * 0.98));
    // Never leave half a surrogate pair at the end.
    if (/[\ud800-\udbff]$/.test(out)) out = out.slice(0, -1);
    size = Buffer.byteLength(JSON.stringify(out), 'utf8');
  }
  return { text: out, cut: true };
}
