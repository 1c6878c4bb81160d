interface RemoteContentBannerProps {
  count: number;
  sender: string | null;
  onLoadOnce: () => void;
  onAlwaysForSender: () => void;
  busy: boolean;
}

/** Why images are missing, and the two ways to load them. */
export function RemoteContentBanner({ count, sender, onLoadOnce, onAlwaysForSender, busy }: RemoteContentBannerProps) {
  return (
    <div className="reader-banner" role="region" aria-label="Remote content">
      <p>
        <strong>Remote content blocked.</strong> {count === 1 ? '1 image' : `${count} images`} from the internet
        {count === 1 ? ' was' : ' were'} not loaded, so the sender cannot see that you opened this message.
      </p>
      <div className="reader-banner-actions">
        <button type="button" onClick={onLoadOnce} disabled={busy}>
          Load for this message
        </button>
        {sender ? (
          <button type="button" onClick={onAlwaysForSender} disabled={busy}>
            Always for {sender}
          </button>
        ) : null}
      </div>
    </div>
  );
}
