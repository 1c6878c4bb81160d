/**
 * Errors of the POP3 client. Each names the command it happened in (the verb only: arguments
 * of USER, PASS and AUTH are never part of an error) and, where the server said something,
 * its own words.
 */
export class Pop3Error extends Error {
  constructor(
    message: string,
    /** The command verb ("RETR", "AUTH PLAIN"), or null for the greeting or the connection. */
    readonly command: string | null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The server answered `-ERR`. `responseCode` is the RFC 2449/3206 code in brackets, if any (AUTH, SYS/TEMP, IN-USE …). */
export class Pop3ServerError extends Pop3Error {
  constructor(
    command: string | null,
    /** The whole status line as the server sent it, e.g. "-ERR [AUTH] Authentication failed." */
    readonly serverText: string,
    readonly responseCode: string | null,
  ) {
    super(`${command ?? 'The greeting'} failed: ${serverText}`, command);
  }
}

/** A `-ERR` to USER, PASS or AUTH: the server refused the credentials (or the mechanism). */
export class Pop3AuthError extends Pop3ServerError {}

export class Pop3TimeoutError extends Pop3Error {
  constructor(command: string | null, timeoutMs: number) {
    super(`No reply to ${command ?? 'the connection'} within ${timeoutMs} ms`, command);
  }
}

export class Pop3ClosedError extends Pop3Error {
  constructor(command: string | null, cause?: unknown) {
    super(`The connection closed${command ? ` during ${command}` : ''}`, command, { cause });
  }
}

/** The server sent something that is not POP3 (or too much of it). */
export class Pop3ProtocolError extends Pop3Error {
  constructor(
    message: string,
    command: string | null,
    /** The offending line, cut short, when there was one. */
    readonly serverText: string | null = null,
  ) {
    super(message, command);
  }
}

/** A STARTTLS-only account, and the server does not offer STLS: nothing secret was sent. */
export class Pop3StlsUnavailableError extends Pop3Error {
  constructor(readonly serverText: string | null) {
    super('The server does not offer STLS', 'STLS');
  }
}

/** A RETR (or TOP) reply was larger than the cap asked for; it was read to its end and dropped. */
export class Pop3TooLargeError extends Pop3Error {
  constructor(
    command: string | null,
    readonly limitBytes: number,
    readonly actualBytes: number,
  ) {
    super(`${command ?? 'The reply'} was ${actualBytes} bytes, over the limit of ${limitBytes}`, command);
  }
}
