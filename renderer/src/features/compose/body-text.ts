import type { JSONContent } from '@tiptap/react';

/**
 * The rich body as plain text: what the plain-text toggle keeps and what the forgotten-attachment
 * check reads. Structure survives as mail convention has it: quotes as "> ", list items as "- " or
 * "1. ", links as "text <url>", images as their name. Formatting (bold, italic) is what is lost.
 */
export function docToText(doc: JSONContent): string {
  return blocks(doc.content ?? [])
    .join('\n\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function blocks(nodes: readonly JSONContent[]): string[] {
  return nodes.map(block).filter((text) => text !== '');
}

function block(node: JSONContent): string {
  const children = node.content ?? [];
  switch (node.type) {
    case 'blockquote':
      return prefixLines(blocks(children).join('\n\n'), '> ');
    case 'bulletList':
      return children.map((item) => listItem(item, '- ')).join('\n');
    case 'orderedList': {
      const start = Number(node.attrs?.start ?? 1);
      return children.map((item, index) => listItem(item, `${start + index}. `)).join('\n');
    }
    case 'horizontalRule':
      return '---';
    case 'codeBlock':
      return inline(children);
    default:
      return children.length > 0 && children.some((child) => isBlock(child))
        ? blocks(children).join('\n\n')
        : inline(children);
  }
}

function listItem(item: JSONContent, marker: string): string {
  const text = blocks(item.content ?? []).join('\n');
  const indent = ' '.repeat(marker.length);
  return marker + text.split('\n').join(`\n${indent}`);
}

function isBlock(node: JSONContent): boolean {
  return node.type !== 'text' && node.type !== 'hardBreak' && node.type !== 'image';
}

function inline(nodes: readonly JSONContent[]): string {
  return nodes
    .map((node) => {
      if (node.type === 'hardBreak') return '\n';
      if (node.type === 'image') return `[${String(node.attrs?.alt ?? node.attrs?.title ?? 'image') || 'image'}]`;
      const text = node.text ?? '';
      const link = node.marks?.find((mark) => mark.type === 'link');
      const href = typeof link?.attrs?.href === 'string' ? link.attrs.href : null;
      return href !== null && href !== text && `mailto:${text}` !== href ? `${text} <${href}>` : text;
    })
    .join('');
}

function prefixLines(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? prefix.trimEnd() : prefix + line))
    .join('\n');
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Plain text as rich paragraphs (the plain → rich switch); "> " lines become a block quote. */
export function textToHtml(text: string): string {
  const escape = (value: string) => value.replace(/[&<>"]/g, (char) => ESCAPES[char] ?? char);
  const paragraphs = text.replace(/\r\n?/g, '\n').split(/\n{2,}/);
  return paragraphs
    .map((paragraph) => {
      const lines = paragraph.split('\n');
      if (lines.every((line) => line.startsWith('>'))) {
        const inner = lines.map((line) => line.replace(/^> ?/, '')).join('\n');
        return `<blockquote>${textToHtml(inner)}</blockquote>`;
      }
      return `<p>${lines.map(escape).join('<br>')}</p>`;
    })
    .join('');
}
