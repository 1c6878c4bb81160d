import type { IncomingMessage } from 'node:http';
import { request } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { certificateProblem, describeCertificateError, trustAnchors } from '../tls/trust';
import { errorText } from './dns-resolver';
import type { DnsResolver, HttpFetcher, HttpResponse } from './types';

export interface HttpFetcherOptions {
  /** Where host names are looked up; default the system resolver. */
  dns?: DnsResolver;
  /** Extra trust anchors (PEM) on top of the public roots. */
  ca?: readonly string[];
  /** Larger bodies are refused; default 100 KB (autoconfig documents are a few KB). */
  maxBytes?: number;
  /** Default 3. Each hop must stay on https. */
  maxRedirects?: number;
}

export class HttpFetchError extends Error {
  override name = 'HttpFetchError';
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

interface Hop {
  status: number;
  location: string | undefined;
  body: string;
}

function lookupVia(dns: DnsResolver): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname).then(
      (addresses) => {
        const wanted = options.family === 4 || options.family === 6 ? options.family : 0;
        const usable = addresses.filter((address) => wanted === 0 || isIP(address) === wanted);
        const first = usable[0];
        if (first === undefined) {
          callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), '', 0);
        } else if (options.all) {
          callback(
            null,
            usable.map((address) => ({ address, family: isIP(address) })),
          );
        } else {
          callback(null, first, isIP(first));
        }
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };
}

function readBody(response: IncomingMessage, maxBytes: number, url: URL): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(response.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) {
      response.destroy();
      reject(new HttpFetchError(`${url.host} sent ${declared} bytes, more than the ${maxBytes} allowed`));
      return;
    }
    const chunks: Buffer[] = [];
    let total = 0;
    response.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > maxBytes) {
        response.destroy();
        reject(new HttpFetchError(`${url.host} sent more than the ${maxBytes} bytes allowed`));
        return;
      }
      chunks.push(chunk);
    });
    response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    response.on('error', reject);
    // A cancelled request or a server that hangs up mid-body ends in 'close' without 'end'.
    response.on('close', () => {
      if (!response.complete) reject(new HttpFetchError(`${url.host} closed the connection before the body ended`));
    });
  });
}

function describe(error: unknown, url: URL): Error {
  if (error instanceof HttpFetchError) return error;
  const code = (error as { code?: unknown }).code;
  if (certificateProblem(code)) {
    return new HttpFetchError(`${url.host}: ${describeCertificateError(String(code))}`, { cause: error });
  }
  if (error instanceof Error && error.name === 'AbortError') return error;
  return new HttpFetchError(`${url.host}: ${errorText(error)}`, { cause: error });
}

/**
 * The production fetcher: GET over HTTPS only, certificates verified against the host name,
 * body capped, redirects limited and kept on https. Host names resolve through `dns`, so
 * the same DNS seam answers for HTTP as for SRV/MX.
 */
export function createHttpFetcher(options: HttpFetcherOptions = {}): HttpFetcher {
  const maxBytes = options.maxBytes ?? 100 * 1024;
  const maxRedirects = options.maxRedirects ?? 3;
  const ca = trustAnchors(options.ca);
  const lookup = options.dns ? lookupVia(options.dns) : undefined;

  const hop = (url: URL, signal: AbortSignal): Promise<Hop> =>
    new Promise<Hop>((resolve, reject) => {
      const req = request(
        url,
        {
          method: 'GET',
          signal,
          ca,
          lookup,
          rejectUnauthorized: true,
          agent: false, // one request per connection: nothing is pooled past a cancel
          headers: { accept: 'application/xml, text/xml;q=0.9, */*;q=0.1', 'user-agent': 'Letterbox autoconfig' },
        },
        (response) => {
          const status = response.statusCode ?? 0;
          if (status !== 200) {
            // Only a 200 body is ever read; anything else is drained unread.
            response.resume();
            resolve({ status, location: response.headers.location, body: '' });
            return;
          }
          readBody(response, maxBytes, url).then((body) => resolve({ status, location: undefined, body }), reject);
        },
      );
      req.on('error', (error) => reject(describe(error, url)));
      req.end();
    });

  return {
    async get(input: string, signal: AbortSignal): Promise<HttpResponse> {
      let url = new URL(input);
      for (let redirects = 0; ; redirects += 1) {
        if (url.protocol !== 'https:') throw new HttpFetchError(`refused ${url.origin}: only https is followed`);
        const answer = await hop(url, signal);
        if (!REDIRECTS.has(answer.status) || answer.location === undefined) {
          return { status: answer.status, body: answer.body, url: url.href };
        }
        if (redirects >= maxRedirects) throw new HttpFetchError(`more than ${maxRedirects} redirects`);
        url = new URL(answer.location, url);
      }
    },
  };
}
