import type { ChannelOutput } from '../../../shared/ipc/contract';
import { isSafeExternalUrl } from '../../../shared/security/external-url';

/** Raw bytes; as a data: URL it still fits one 1 MiB browser-shell frame. */
export const MAX_REMOTE_IMAGE_BYTES = 560 * 1024;
const TIMEOUT_MS = 15_000;
// Raster formats only: an SVG is a document, and nothing here needs to reason about one.
const IMAGE_TYPES = /^image\/(png|jpeg|pjpeg|gif|webp|avif|bmp|x-icon|vnd\.microsoft\.icon)$/;

/**
 * A remote image the user chose to load, fetched here and returned as a data: URL: the window's
 * own CSP lets nothing remote in, so a sanitizer slip can never make the window fetch by itself.
 * No cookies and no referrer go with the request.
 */
export async function fetchRemoteImage(
  url: string,
  fetchImpl: typeof fetch = fetch,
): Promise<ChannelOutput<'messages:remoteImage'>> {
  const fail = (error: string) => ({ url, dataUrl: null, error });
  if (!isSafeExternalUrl(url) || !/^https?:/i.test(url)) return fail('Only http and https images are loaded.');
  let response: Response;
  try {
    response = await fetchImpl(url, {
      redirect: 'follow',
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      signal: AbortSignal.timeout(TIMEOUT_MS),
      headers: { accept: 'image/avif,image/webp,image/png,image/jpeg,image/gif;q=0.9' },
    });
  } catch (error) {
    return fail(`Could not load the image: ${(error as Error).message}`);
  }
  if (!response.ok) {
    await response.body?.cancel();
    return fail(`The server answered ${response.status}.`);
  }
  const type = (response.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!IMAGE_TYPES.test(type)) {
    await response.body?.cancel();
    return fail(`Not an image the reader shows (${type || 'no type'}).`);
  }
  const bytes = await readCapped(response, MAX_REMOTE_IMAGE_BYTES);
  if (bytes === null) return fail('The image is too large to show.');
  return { url, dataUrl: `data:${type};base64,${Buffer.from(bytes).toString('base64')}`, error: null };
}

async function readCapped(response: Response, max: number): Promise<Uint8Array | null> {
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
