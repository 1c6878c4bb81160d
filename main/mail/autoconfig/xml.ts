/**
 * A small, strict XML reader for autoconfig documents (a few KB of elements, attributes and
 * text). No package in the dependency tree parses XML, and this subset is small enough to read
 * carefully: elements, attributes, text, CDATA, comments and processing instructions. DOCTYPE is
 * refused outright, which also rules out entity-expansion attacks; depth and element count are
 * capped because the document comes from whoever runs the mail domain.
 */

export interface XmlElement {
  /** Local name (a namespace prefix is dropped). */
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own text (not its children's), entities decoded. */
  text: string;
}

export class XmlError extends Error {
  override name = 'XmlError';
}

const MAX_DEPTH = 32;
const MAX_ELEMENTS = 5000;
const NAME = /[A-Za-z_][-A-Za-z0-9_.:]*/y;
const SPACE = /\s*/y;
const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes character and predefined entities; anything else starting with & is kept as it is. */
function decode(text: string): string {
  return text.replace(/&(#x[0-9A-Fa-f]{1,6}|#[0-9]{1,7}|[A-Za-z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return PREDEFINED[ref] ?? whole;
  });
}

class Reader {
  pos = 0;
  constructor(readonly input: string) {}

  fail(message: string): never {
    const line = this.input.slice(0, this.pos).split('\n').length;
    throw new XmlError(`Malformed XML at line ${line}: ${message}`);
  }

  startsWith(token: string): boolean {
    return this.input.startsWith(token, this.pos);
  }

  /** Moves past the next `token`, returning what came before it. */
  until(token: string, what: string): string {
    const end = this.input.indexOf(token, this.pos);
    if (end < 0) this.fail(`unterminated ${what}`);
    const skipped = this.input.slice(this.pos, end);
    this.pos = end + token.length;
    return skipped;
  }

  name(): string {
    NAME.lastIndex = this.pos;
    const match = NAME.exec(this.input);
    if (!match) this.fail('expected a name');
    this.pos = NAME.lastIndex;
    return match[0];
  }

  space(): void {
    SPACE.lastIndex = this.pos;
    SPACE.exec(this.input);
    this.pos = SPACE.lastIndex;
  }
}

const localName = (name: string): string => name.slice(name.lastIndexOf(':') + 1);

function readAttributes(reader: Reader): { attributes: Record<string, string>; selfClosing: boolean } {
  const attributes: Record<string, string> = {};
  for (;;) {
    const before = reader.pos;
    reader.space();
    if (reader.startsWith('/>')) return ((reader.pos += 2), { attributes, selfClosing: true });
    if (reader.startsWith('>')) return ((reader.pos += 1), { attributes, selfClosing: false });
    if (reader.pos === before) reader.fail('expected whitespace between attributes');
    const name = localName(reader.name());
    reader.space();
    if (!reader.startsWith('=')) reader.fail(`attribute ${name} has no value`);
    reader.pos += 1;
    reader.space();
    const quote = reader.input[reader.pos];
    if (quote !== '"' && quote !== "'") reader.fail(`attribute ${name} value is not quoted`);
    reader.pos += 1;
    const value = reader.until(quote, 'attribute value');
    if (value.includes('<')) reader.fail(`attribute ${name} contains <`);
    if (Object.hasOwn(attributes, name)) reader.fail(`duplicate attribute ${name}`);
    attributes[name] = decode(value);
  }
}

/** Parses a whole document and returns its root element; throws XmlError when it is not well-formed. */
export function parseXml(input: string): XmlElement {
  const reader: Reader = new Reader(input.replace(/^\uFEFF/, ''));
  const open: { raw: string; element: XmlElement }[] = [];
  let root: XmlElement | null = null;
  let count = 0;

  while (reader.pos < reader.input.length) {
    const current = open.at(-1)?.element;
    if (reader.startsWith('<?')) {
      reader.until('?>', 'processing instruction');
    } else if (reader.startsWith('<!--')) {
      reader.pos += 4;
      reader.until('-->', 'comment');
    } else if (reader.startsWith('<![CDATA[')) {
      if (!current) reader.fail('CDATA outside the root element');
      reader.pos += 9;
      current.text += reader.until(']]>', 'CDATA section');
    } else if (reader.startsWith('<!')) {
      reader.fail('DOCTYPE and other declarations are not allowed');
    } else if (reader.startsWith('</')) {
      reader.pos += 2;
      const raw = reader.name();
      reader.space();
      if (!reader.startsWith('>')) reader.fail(`end tag ${raw} is not closed`);
      reader.pos += 1;
      const top = open.pop();
      if (top?.raw !== raw) reader.fail(`end tag ${raw} does not match ${top ? `<${top.raw}>` : 'any open element'}`);
    } else if (reader.startsWith('<')) {
      reader.pos += 1;
      const raw = reader.name();
      if (root && open.length === 0) reader.fail('more than one root element');
      if (open.length >= MAX_DEPTH) reader.fail(`elements nested deeper than ${MAX_DEPTH}`);
      if (++count > MAX_ELEMENTS) reader.fail(`more than ${MAX_ELEMENTS} elements`);
      const { attributes, selfClosing } = readAttributes(reader);
      const element: XmlElement = { name: localName(raw), attributes, children: [], text: '' };
      if (current) current.children.push(element);
      else root = element;
      if (!selfClosing) open.push({ raw, element });
    } else {
      const end = reader.input.indexOf('<', reader.pos);
      const text = reader.input.slice(reader.pos, end < 0 ? undefined : end);
      reader.pos = end < 0 ? reader.input.length : end;
      if (current) current.text += decode(text);
      else if (text.trim() !== '') reader.fail('text outside the root element');
    }
  }
  const unclosed = open.at(-1);
  if (unclosed) reader.fail(`<${unclosed.raw}> is never closed`);
  if (!root) reader.fail('no root element');
  return root;
}

/** Direct children with this local name. */
export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child) => child.name === name);
}

/** Trimmed text of the first direct child with this name, or null. */
export function childText(element: XmlElement, name: string): string | null {
  const child = element.children.find((candidate) => candidate.name === name);
  return child ? child.text.trim() : null;
}
