/**
 * A folder's name and the number beside it. Screen readers hear "Inbox, 3 unread" (the comma and
 * the meaning are hidden text), and the visible "3" is part of that name, as label-in-name asks.
 */
export function FolderLabel({ label, count, meaning }: { label: string; count: number | null; meaning: string }) {
  return (
    <>
      <span className="folder-name">
        {label}
        {count ? <span className="visually-hidden">,</span> : null}
      </span>
      {count ? (
        <span className="badge">
          {count}
          <span className="visually-hidden"> {meaning}</span>
        </span>
      ) : null}
    </>
  );
}
