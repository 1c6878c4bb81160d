import { LineTooLongError } from './line-reader';

const LF = 0x0a;
const CR = 0x0d;
const DOT = 0x2e;
const CR_BYTE = Buffer.from('\r');
const CRLF = Buffer.from('\r\n');

/** Where the scanner stands between two pieces of input. */
const enum At {
  /** The next byte starts a line. */
  LineStart,
  /** Inside a line that needs no more attention until its LF. */
  InLine,
  /** The line began with "." (consumed, never part of the content). */
  Dot,
  /** The line began with ".\r" (both consumed; the CR is content unless an LF follows). */
  DotCr,
}

/** Receives the content, already unstuffed and with CRLF line ends, in pieces. */
export interface ContentSink {
  append(bytes: Buffer): void;
}

/**
 * Reads the body of a multi-line reply (RFC 1939 §3) straight from the received bytes, which may
 * be cut anywhere: a line holding only "." ends it; a line starting with "." had that dot added
 * by the server, so it is dropped; a bare LF line end becomes CRLF. The result is what handing
 * every line to MultilineCollector.add would give, but the bytes go to the sink as slices of the
 * input (runs of ordinary lines in one piece), so a message is copied once, when it is joined.
 * The only per-line work is one native search for LF.
 */
export class MultilineScanner {
  private at = At.LineStart;
  /** Raw bytes of the current line so far (for the line length limit). */
  private lineBytes = 0;
  /** The byte before the current input, to tell CRLF from a bare LF cut between two inputs. */
  private previous = LF;

  constructor(
    private readonly sink: ContentSink,
    private readonly maxLineBytes: number,
  ) {}

  /**
   * Consumes `data`. Returns the offset just past the terminating line when the body ended in
   * it (the rest belongs to the next reply), or -1 when all of it was body and more must come.
   */
  feed(data: Buffer): number {
    const length = data.length;
    let position = 0;
    /** Start of the content not yet handed to the sink. */
    let start = 0;
    while (position < length) {
      if (this.at === At.LineStart) {
        if (data[position] !== DOT) {
          this.at = At.InLine;
          continue;
        }
        this.emit(data, start, position);
        this.at = At.Dot;
        this.lineBytes = 1;
        start = ++position;
        continue;
      }
      if (this.at === At.Dot || this.at === At.DotCr) {
        const byte = data[position];
        if (byte === LF) return position + 1; // "." alone: the end
        if (this.at === At.Dot && byte === CR) {
          this.at = At.DotCr;
          this.lineBytes += 1;
          start = ++position;
          continue;
        }
        // A stuffed line. A CR after its dot is content; if it came in an earlier input it is
        // no longer in this one.
        if (this.at === At.DotCr) {
          if (position > 0) start = position - 1;
          else this.sink.append(CR_BYTE);
        }
        this.at = At.InLine;
        continue;
      }
      const lf = data.indexOf(LF, position);
      if (lf < 0) {
        this.grow(length - position);
        break;
      }
      this.grow(lf - position);
      const crlf = lf > 0 ? data[lf - 1] === CR : this.previous === CR;
      if (!crlf) {
        this.emit(data, start, lf);
        this.sink.append(CRLF);
        start = lf + 1;
      }
      this.at = At.LineStart;
      this.lineBytes = 0;
      position = lf + 1;
    }
    this.emit(data, start, length);
    if (length > 0) this.previous = data[length - 1] ?? LF;
    return -1;
  }

  private grow(bytes: number): void {
    this.lineBytes += bytes;
    if (this.lineBytes > this.maxLineBytes) throw new LineTooLongError(this.maxLineBytes);
  }

  private emit(data: Buffer, from: number, to: number): void {
    if (to > from) this.sink.append(data.subarray(from, to));
  }
}
