import Image from '@tiptap/extension-image';

/**
 * Data URLs of inline images, by Content-ID. The draft's HTML says `cid:…` (what is sent), but the
 * page may only show `data:` images (CSP img-src 'self' data:), so the editor looks the bytes up
 * here. Filled when an image is pasted, or fetched with drafts:attachmentData when a draft reopens.
 */
export class InlineImageSources {
  private readonly urls = new Map<string, string>();
  private readonly waiting = new Map<string, Set<(url: string) => void>>();

  get(contentId: string): string | undefined {
    return this.urls.get(contentId);
  }

  set(contentId: string, url: string): void {
    this.urls.set(contentId, url);
    for (const listener of this.waiting.get(contentId) ?? []) listener(url);
    this.waiting.delete(contentId);
  }

  /** Calls `listener` once the image is known (at once if it already is); returns a stop. */
  whenKnown(contentId: string, listener: (url: string) => void): () => void {
    const known = this.urls.get(contentId);
    if (known !== undefined) {
      listener(known);
      return () => undefined;
    }
    const set = this.waiting.get(contentId) ?? new Set();
    this.waiting.set(contentId, set);
    set.add(listener);
    return () => set.delete(listener);
  }
}

const CID_ATTRIBUTE = 'data-cid';

/** The body's HTML as it is stored and sent: inline images point at their `cid:` parts. */
export function restoreCidSources(container: ParentNode): void {
  for (const img of container.querySelectorAll(`img[${CID_ATTRIBUTE}]`)) {
    img.setAttribute('src', `cid:${img.getAttribute(CID_ATTRIBUTE) ?? ''}`);
    img.removeAttribute(CID_ATTRIBUTE);
  }
}

export const cidOf = (src: unknown): string | null =>
  typeof src === 'string' && src.toLowerCase().startsWith('cid:') ? src.slice(4) : null;

/**
 * TipTap's image, limited to `cid:` sources: a pasted web image (`https:`) would be fetched by the
 * page and sent as a remote reference, so it is dropped; files pasted or dropped become inline
 * attachments instead (see RichEditor). getHTML() keeps `cid:`; only the view swaps in the bytes.
 */
export function inlineImage(sources: InlineImageSources) {
  return Image.extend({
    parseHTML() {
      return [{ tag: 'img[src]', getAttrs: (element) => (cidOf(element.getAttribute('src')) === null ? false : null) }];
    },
    /**
     * Rendered without `src`: TipTap also renders nodes into the live page (when the editor
     * unmounts), where an <img src="cid:…"> would be fetched and blocked by the CSP. The real
     * `src` is put back by toSentHtml, in an inert document.
     */
    renderHTML({ node, HTMLAttributes }) {
      const attributes: Record<string, unknown> = { ...HTMLAttributes, [CID_ATTRIBUTE]: cidOf(node.attrs.src) ?? '' };
      delete attributes.src;
      return ['img', attributes];
    },
    addNodeView() {
      return ({ node }) => {
        const img = document.createElement('img');
        img.className = 'inline-image';
        img.alt = typeof node.attrs.alt === 'string' && node.attrs.alt !== '' ? node.attrs.alt : 'Inline image';
        const contentId = cidOf(node.attrs.src);
        const stop = contentId === null ? () => undefined : sources.whenKnown(contentId, (url) => (img.src = url));
        return { dom: img, destroy: stop };
      };
    },
  }).configure({ inline: true, allowBase64: false });
}
