import type { TextSegment } from '../../../../shared/model/search';

/** Text with its matches marked; the segments are data, so nothing in them is ever read as markup. */
export function Highlighted({ segments }: { segments: readonly TextSegment[] }) {
  return (
    <>
      {segments.map((segment, index) =>
        segment.match ? <mark key={index}>{segment.text}</mark> : <span key={index}>{segment.text}</span>,
      )}
    </>
  );
}
