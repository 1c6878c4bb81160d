/**
 * The reader's sanitizer against a corpus of hostile HTML, run in real Chromium (DOMPurify needs
 * a real DOM and its parser quirks are the point). The page has no CSP at all, so neither the
 * app's policy nor the frame's can hide a sanitizer miss: every output is mounted the way the
 * reader mounts it (sandboxed srcdoc frame, styles through CSSOM) and a loopback server proves
 * nothing was fetched; a control mount proves a miss would show.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BLANK_PAGE, startLoopbackRecorder, type LoopbackRecorder } from '../support/loopback-recorder';
import { readerContentBundle } from '../support/reader-bundle';
import { launchChromium } from './support/browser';

let browser: Browser;
let page: Page;
let web: LoopbackRecorder;

interface Sanitized {
  body: string;
  styleSheets: string[];
  remoteUrls: string[];
  mismatches: { shown: string; actual: string }[];
}

beforeAll(async () => {
  web = await startLoopbackRecorder();
  browser = await launchChromium();
  page = await browser.newPage();
  // A page of the recorder's own origin: an about:blank page may not reach loopback at all,
  // which would make every "nothing was fetched" below pass for the wrong reason.
  await page.goto(`${web.origin}${BLANK_PAGE}`);
  await page.evaluate(await readerContentBundle());
});
afterAll(async () => {
  await browser?.close();
  await web?.close();
});

function sanitize(html: string, remote: Record<string, string> | null = null, cid: Record<string, string> = {}) {
  return page.evaluate(
    ({ html, remote, cid }) => {
      const reader = (
        window as unknown as { LetterboxReader: { sanitizeMessageHtml: (h: string, o: object) => Sanitized } }
      ).LetterboxReader;
      return reader.sanitizeMessageHtml(html, {
        remote: remote === null ? null : new Map(Object.entries(remote)),
        cid: new Map(Object.entries(cid)),
      });
    },
    { html, remote, cid },
  );
}

/**
 * Mounts the output as MessageFrame does (sandboxed srcdoc frame, styles through CSSOM) but
 * without the frame's own CSP, so only the sanitizer stands between the markup and the network.
 */
function mount(result: Sanitized): Promise<void> {
  return page.evaluate(async (sanitized) => {
    const reader = (
      window as unknown as {
        LetterboxReader: {
          applyFrameStyles: (doc: Document, win: Window, sheets: readonly string[]) => void;
        };
      }
    ).LetterboxReader;
    const frame = document.createElement('iframe');
    frame.setAttribute('sandbox', 'allow-same-origin');
    frame.srcdoc = `<!doctype html><html><head><meta charset="utf-8"></head><body>${sanitized.body}</body></html>`;
    const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    document.body.append(frame);
    await loaded;
    const doc = frame.contentDocument;
    if (doc && frame.contentWindow) reader.applyFrameStyles(doc, frame.contentWindow, sanitized.styleSheets);
    // Styles applied: give layout two frames to request whatever CSS would fetch.
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  }, result);
}

const corpus = (o: string): [string, string][] => [
  ['script', `<script>fetch('${o}/script')</script><p>text</p>`],
  ['img onerror', `<img src=x onerror="fetch('${o}/onerror')">`],
  ['javascript: href', `<a href="javascript:fetch('${o}/js')">x</a>`],
  ['entity-encoded javascript:', `<a href="&#106;avascript:fetch('${o}/js2')">x</a>`],
  ['javascript: with a tab', `<a href="java\tscript:fetch('${o}/js3')">x</a>`],
  ['data:text/html href', `<a href="data:text/html,<script>fetch('${o}/data')</script>">x</a>`],
  ['vbscript: href', `<a href="vbscript:msgbox('${o}/vb')">x</a>`],
  ['svg script', `<svg><script>fetch('${o}/svg')</script></svg>`],
  ['svg onload', `<svg onload="fetch('${o}/svgload')"><image href="${o}/svgimage"/></svg>`],
  [
    'svg data image',
    `<img src="data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' onload='fetch(&quot;${o}/svgdata&quot;)'/>">`,
  ],
  [
    'math mXSS',
    `<math><mtext><table><mglyph><style><img src=x onerror="fetch('${o}/mxss')"></style></mglyph></table></mtext></math>`,
  ],
  ['noscript mXSS', `<noscript><p title="</noscript><img src=x onerror=fetch('${o}/noscript')>"></p></noscript>`],
  ['template', `<template><img src=x onerror="fetch('${o}/template')"></template>`],
  ['style @import url()', `<style>@import url(${o}/import.css);</style><p>x</p>`],
  ['style @import string', `<style>@import "${o}/import2.css";</style><p>x</p>`],
  ['style url()', `<style>p { background: url(${o}/sheetbg.png) }</style><p>x</p>`],
  ['style image-set', `<style>p { background-image: image-set("${o}/imageset.png" 1x) }</style><p>x</p>`],
  [
    'style @font-face',
    `<style>@font-face { font-family: x; src: url(${o}/font.woff) } p { font-family: x }</style><p>x</p>`,
  ],
  ['style expression()', `<style>p { width: expression(fetch('${o}/expr')) }</style><p>x</p>`],
  ['style closing tag', `<style>p{}</style><img src=x onerror="fetch('${o}/breakout')"></style>`],
  ['background attribute', `<table background="${o}/tablebg.png"><tr><td>x</td></tr></table>`],
  ['body background', `<body background="${o}/bodybg.png"><p>x</p></body>`],
  ['srcset', `<img srcset="${o}/srcset.png 1x, ${o}/srcset2.png 2x">`],
  ['remote img', `<img src="${o}/remote.png">`],
  ['protocol-relative img', `<img src="${o.replace('http:', '')}/relative.png">`],
  ['picture source', `<picture><source srcset="${o}/picture.png"><img src="x.png"></picture>`],
  ['meta refresh', `<meta http-equiv="refresh" content="0;url=${o}/refresh"><p>x</p>`],
  ['base href', `<base href="${o}/base/"><img src="rel.png"><a href="rel">x</a>`],
  ['link stylesheet', `<link rel="stylesheet" href="${o}/link.css"><link rel="prefetch" href="${o}/prefetch">`],
  ['form', `<form action="${o}/form"><input name="q"><button formaction="${o}/formaction">Go</button></form>`],
  ['input image', `<input type="image" src="${o}/inputimage.png">`],
  ['iframe', `<iframe src="${o}/iframe"></iframe><iframe srcdoc="<img src='${o}/srcdoc.png'>"></iframe>`],
  [
    'object and embed',
    `<object data="${o}/object"></object><embed src="${o}/embed"><applet code="${o}/applet"></applet>`,
  ],
  ['video and audio', `<video poster="${o}/poster.png" src="${o}/video"></video><audio src="${o}/audio"></audio>`],
  ['style attribute url()', `<p style="background: url(${o}/attr.png)">x</p>`],
  ['style attribute escaped url', `<p style="background: u\\72l(${o}/escaped.png)">x</p>`],
  ['style attribute expression', `<p style="width: expression(fetch('${o}/attrexpr'))">x</p>`],
  ['style attribute behavior', `<p style="behavior: url(${o}/x.htc); -moz-binding: url(${o}/x.xml)">x</p>`],
  ['list-style-image', `<ul style="list-style-image: url(${o}/bullet.png)"><li>x</li></ul>`],
  ['ping', `<a ping="${o}/ping" href="https://example.org/">x</a>`],
  [
    'event handlers',
    `<details open ontoggle="fetch('${o}/toggle')"><summary>x</summary></details><marquee onstart="fetch('${o}/marquee')">x</marquee>`,
  ],
  [
    'dialog and popover',
    `<dialog open onclose="fetch('${o}/dialog')">x</dialog><div popover onbeforetoggle="fetch('${o}/popover')">x</div>`,
  ],
  ['lowercase tricks', `<IMG SRC=x ONERROR="fetch('${o}/upper')"><ScRiPt>fetch('${o}/mixed')</sCrIpT>`],
];

describe('reader HTML sanitizer in Chromium', { timeout: 120_000 }, () => {
  it('leaves nothing executable or remote in any corpus entry, and nothing fetches once mounted', async () => {
    const host = new URL(web.origin).host;
    const problems: string[] = [];
    for (const [name, html] of corpus(web.origin)) {
      const result = await sanitize(html);
      const output = [result.body, ...result.styleSheets].join('\n');
      if (output.includes(host)) problems.push(`${name}: the remote address survived: ${output}`);
      if (
        /<script|<style|<iframe|<object|<embed|<form|<svg|<math|<base|<meta|<link|\son[a-z]+\s*=/i.test(result.body)
      ) {
        problems.push(`${name}: markup survived: ${result.body}`);
      }
      if (/javascript:|vbscript:|data:text|expression\(|@import|behavior|-moz-binding/i.test(output)) {
        problems.push(`${name}: a script vector survived: ${output}`);
      }
      await mount(result);
    }
    expect(problems).toEqual([]);
    // A last, unsanitized mount that does fetch: once its request is in, any earlier one would be too.
    await mount({ body: `<img src="${web.origin}/last.png">`, styleSheets: [], remoteUrls: [], mismatches: [] });
    await expect.poll(() => web.paths).toContain('/last.png');
    expect(web.paths).toEqual(['/last.png']);
    web.paths.length = 0;
  });

  it('would notice a miss: unsanitized markup mounted the same way does reach the server', async () => {
    const o = web.origin;
    const before = web.paths.length;
    await mount({
      body: `<p>x</p><img src="${o}/control.png">`,
      styleSheets: [`p { background: url(${o}/control-css.png) }`],
      remoteUrls: [],
      mismatches: [],
    });
    await expect.poll(() => web.paths.slice(before).sort()).toEqual(['/control-css.png', '/control.png']);
    web.paths.splice(before);
  });

  it('counts the remote resources it blocked', async () => {
    const o = web.origin;
    const result = await sanitize(
      `<style>p{background:url(${o}/a.png)}</style><img src="${o}/b.png"><table background="${o}/c.png"></table><p style="background:url(${o}/d.png)">x</p>`,
    );
    expect(result.remoteUrls.sort()).toEqual([`${o}/a.png`, `${o}/b.png`, `${o}/c.png`, `${o}/d.png`]);
  });

  it('shows allowed remote images only from the data: URLs main fetched, and cid: parts from the message', async () => {
    const o = web.origin;
    const pixel =
      'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
    const result = await sanitize(
      `<img alt="remote" src="${o}/logo.png"><img alt="inline" src="cid:Logo@Example"><img alt="unknown" src="cid:other">`,
      { [`${o}/logo.png`]: pixel },
      { 'logo@example': pixel },
    );
    expect(result.body).toContain(`alt="remote" src="${pixel}"`);
    expect(result.body).toContain(`alt="inline" src="${pixel}"`);
    expect(result.body).toMatch(/alt="unknown"(?![^>]*src=)/);
    await mount(result);
    expect(web.paths).toEqual([]);
  });

  it('marks a link whose text shows another address, and keeps honest links as they are', async () => {
    const result = await sanitize(
      '<a href="https://evil.example/">https://bank.example/login</a> <a href="https://example.org/docs">Docs</a>',
    );
    expect(result.mismatches).toEqual([{ shown: 'bank.example', actual: 'evil.example' }]);
    expect(result.body).toContain('⚠ goes to evil.example');
    expect(result.body).toContain('<a href="https://example.org/docs" rel="noopener noreferrer">Docs</a>');
  });

  it('keeps ordinary formatting: tables, presentational attributes, classes, styles', async () => {
    const result = await sanitize(
      '<table width="600" align="center" bgcolor="#ffffff"><tr><td class="x" style="color: red; padding: 4px">Hi</td></tr></table><style>.x { font-weight: bold }</style>',
    );
    expect(result.body).toContain('<table width="600" align="center" bgcolor="#ffffff">');
    expect(result.body).toContain('data-lb-style="color: red; padding: 4px"');
    expect(result.styleSheets).toEqual(['.x { font-weight: bold }']);
  });
});
