/** Raw test messages for the reader: built by hand so every byte (and every hostile part) is known. */

const CRLF = '\r\n';

function base64Lines(bytes: Buffer): string {
  return (bytes.toString('base64').match(/.{1,76}/g) ?? []).join(CRLF);
}

export interface HostileMessage {
  raw: string;
  subject: string;
  from: string;
  /** Paths on the recorder that only scripts, handlers, forms, frames or redirects would request. */
  forbiddenPaths: string[];
  /** Paths the remote images ask for: requested only once remote content is allowed. */
  remotePaths: string[];
}

export function hostileHtmlMessage(options: {
  origin: string;
  subject: string;
  from: string;
  to: string;
  inlinePng: Buffer;
  report: Buffer;
  program: Buffer;
}): HostileMessage {
  const { origin } = options;
  const html = `<!doctype html><html><head>
<meta http-equiv="refresh" content="0;url=${origin}/refresh">
<base href="${origin}/base/">
<link rel="stylesheet" href="${origin}/link.css">
<style>p.hello { color: rgb(1, 2, 3) } .bg { background-image: url(${origin}/css-bg.png) } @import url(${origin}/import.css);</style>
<script>document.title = 'pwned'; new Image().src = '${origin}/script-ran';</script>
</head><body>
<p class="hello" style="font-weight: 700">Hello reader</p>
<p><a href="#the-end">Jump to the end</a></p>
<img alt="Remote logo" src="${origin}/remote.png">
<img alt="" width="1" height="1" src="${origin}/pixel.gif?track=ada">
<img alt="Broken" src="nothing" onerror="new Image().src='${origin}/onerror'">
<div class="bg">styled</div>
<a href="javascript:new Image().src='${origin}/js-link'">Run me</a>
<a href="data:text/html,<script>alert(1)</script>">Data link</a>
<a href="vbscript:msgbox(1)">VB link</a>
<p>Sign in at <a href="https://evil.example/login">https://www.bank.example/login</a></p>
<img alt="Inline logo" src="cid:logo@reader.test">
<p><a href="mailto:someone@example.org?subject=Hello%20there&amp;body=Hi%20from%20mail">Write to someone</a></p>
<p><a href="https://example.org/docs">Docs</a> <a href="${origin}/opened-site">Our site</a></p>
<svg><script>new Image().src='${origin}/svg-script'</script><image href="${origin}/svg-image"/></svg>
<math><mtext><table><mglyph><style><img src=x onerror="new Image().src='${origin}/mxss'"></style></mglyph></table></mtext></math>
<form action="${origin}/form"><input name="q" value="x"><button>Go</button></form>
<iframe src="${origin}/iframe"></iframe>
<object data="${origin}/object"></object>
<embed src="${origin}/embed">
<video poster="${origin}/poster.png"></video>
<img alt="Srcset" srcset="${origin}/srcset.png 2x">
<table background="${origin}/table-bg.png"><tr><td style="width: expression(alert(1))">cell</td></tr></table>
<p style="background: url(${origin}/style-attr.png)">attr bg</p>
<p id="the-end">The end</p>
</body></html>`;
  const boundary = 'outer-reader-boundary';
  const related = 'related-reader-boundary';
  const raw = [
    `From: Mallory Sender <${options.from}>`,
    `To: ${options.to}`,
    `Subject: ${options.subject}`,
    'Date: Mon, 30 Nov 2026 09:00:00 +0000',
    `Message-ID: <${Math.random().toString(36).slice(2)}@reader.test>`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    `Content-Type: multipart/related; boundary="${related}"`,
    '',
    `--${related}`,
    'Content-Type: text/html; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(Buffer.from(html, 'utf8')),
    `--${related}`,
    'Content-Type: image/png',
    'Content-ID: <logo@reader.test>',
    'Content-Disposition: inline; filename="logo.png"',
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(options.inlinePng),
    `--${related}--`,
    `--${boundary}`,
    'Content-Type: application/pdf; name="report.pdf"',
    'Content-Disposition: attachment; filename="../../Report 2026.pdf"',
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(options.report),
    `--${boundary}`,
    'Content-Type: application/octet-stream; name="setup.exe"',
    'Content-Disposition: attachment; filename="setup.exe"',
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(options.program),
    `--${boundary}--`,
    '',
  ].join(CRLF);
  return {
    raw,
    subject: options.subject,
    from: options.from,
    forbiddenPaths: [
      '/refresh', '/base/', '/link.css', '/import.css', '/script-ran', '/onerror', '/js-link', '/svg-script',
      '/svg-image', '/mxss', '/form', '/iframe', '/object', '/embed', '/poster.png', '/srcset.png',
    ], // prettier-ignore
    remotePaths: ['/remote.png', '/pixel.gif?track=ada', '/css-bg.png', '/table-bg.png', '/style-attr.png'],
  };
}

export function plainTextMessage(options: { subject: string; from: string; to: string }): string {
  return [
    `From: Pat Plain <${options.from}>`,
    `To: ${options.to}`,
    `Subject: ${options.subject}`,
    'Date: Mon, 30 Nov 2026 10:00:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Hi,',
    '',
    'the notes are at https://example.org/plain-notes, or write to pat@example.org.',
    '<b>not bold</b> <img src=x onerror=alert(1)>',
    '',
    '> an earlier line, quoted',
    '',
  ].join(CRLF);
}

export function remoteImageMessage(options: { origin: string; subject: string; from: string; to: string }): string {
  return [
    `From: News Letter <${options.from}>`,
    `To: ${options.to}`,
    `Subject: ${options.subject}`,
    'Date: Mon, 30 Nov 2026 11:00:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: text/html; charset=utf-8',
    '',
    `<p>News</p><img alt="News banner" src="${options.origin}/news-banner.png?s=${options.subject.replace(/\W/g, '')}">`,
    '',
  ].join(CRLF);
}
