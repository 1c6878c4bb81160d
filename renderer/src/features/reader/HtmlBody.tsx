import { useMemo } from 'react';
import type { MessageContent } from '../../../../shared/model/reader';
import { usePrefs, useUpdatePrefs } from '../settings/prefs';
import { sanitizeMessageHtml } from './content/html-sanitize';
import { MessageFrame } from './MessageFrame';
import { RemoteContentBanner } from './RemoteContentBanner';
import { useRemoteAllowed } from './remote-allowed-store';
import { useInlineImages } from './use-inline-images';
import { useRemoteImages } from './use-remote-images';

const NO_IMAGES: ReadonlyMap<string, string> = new Map();

interface HtmlBodyProps {
  message: MessageContent;
  html: string;
  onLink: (href: string, warning: string | null) => void;
}

/** The HTML body: sanitized, remote content behind the banner, inline images from the message. */
export function HtmlBody({ message, html, onLink }: HtmlBodyProps) {
  const prefs = usePrefs();
  const updatePrefs = useUpdatePrefs();
  const sender = message.from?.address.toLowerCase() ?? null;
  const allowedOnce = useRemoteAllowed((state) => state.ids.has(message.id));
  const allowOnce = useRemoteAllowed((state) => state.allow);
  const senders = prefs.data?.remoteContentSenders ?? [];
  const allowed = allowedOnce || (sender !== null && senders.includes(sender));

  const inline = useInlineImages(message);
  const cid = inline.data ?? NO_IMAGES;
  // First pass with remote content blocked: it also names the remote URLs for the banner.
  const blocked = useMemo(() => sanitizeMessageHtml(html, { remote: null, cid }), [html, cid]);
  const remote = useRemoteImages(message.id, blocked.remoteUrls, allowed);
  const shown = useMemo(
    () => (remote.data ? sanitizeMessageHtml(html, { remote: remote.data.map, cid }) : blocked),
    [html, cid, remote.data, blocked],
  );

  return (
    <>
      {blocked.remoteUrls.length > 0 && !allowed ? (
        <RemoteContentBanner
          count={blocked.remoteUrls.length}
          sender={sender}
          busy={updatePrefs.isPending}
          onLoadOnce={() => allowOnce(message.id)}
          onAlwaysForSender={() => {
            if (sender !== null) updatePrefs.mutate({ remoteContentSenders: [...new Set([...senders, sender])] });
          }}
        />
      ) : null}
      {allowed && remote.isFetching ? (
        <p className="state" role="status">
          Loading remote content…
        </p>
      ) : null}
      {remote.data && remote.data.failed > 0 ? (
        <p className="state" role="status">
          {remote.data.failed} remote {remote.data.failed === 1 ? 'image' : 'images'} could not be loaded.
        </p>
      ) : null}
      {shown.mismatches.length > 0 ? (
        <p className="reader-warning" role="note">
          Careful: {shown.mismatches.length === 1 ? 'a link shows' : `${shown.mismatches.length} links show`} a
          different address than where {shown.mismatches.length === 1 ? 'it leads' : 'they lead'} (marked ⚠ below):{' '}
          {shown.mismatches.map((m) => `${m.shown} → ${m.actual}`).join(', ')}.
        </p>
      ) : null}
      {updatePrefs.isError ? (
        <p className="state state-error" role="alert">
          Could not remember this sender: {updatePrefs.error.message}
        </p>
      ) : null}
      <MessageFrame content={shown} onLink={onLink} />
    </>
  );
}
