import { useMemo } from 'react';
import { linkify } from './content/linkify';

/** Plain text as text nodes (never parsed as HTML), addresses clickable, quoted lines marked. */
export function PlainTextBody({ text, onLink }: { text: string; onLink: (href: string) => void }) {
  const lines = useMemo(() => text.replace(/\r\n?/g, '\n').split('\n'), [text]);
  return (
    <div className="reader-text">
      {lines.map((line, index) => {
        const depth = /^(>\s?)+/.exec(line)?.[0].replace(/\s/g, '').length ?? 0;
        return (
          <div key={index} className={depth > 0 ? `reader-quote reader-quote-${Math.min(depth, 3)}` : undefined}>
            {line === ''
              ? '\u00a0'
              : linkify(line).map((piece, i) =>
                  piece.kind === 'text' ? (
                    piece.text
                  ) : (
                    <a
                      key={i}
                      href={piece.href}
                      rel="noopener noreferrer"
                      onClick={(event) => {
                        event.preventDefault();
                        onLink(piece.href);
                      }}
                    >
                      {piece.text}
                    </a>
                  ),
                )}
          </div>
        );
      })}
    </div>
  );
}
