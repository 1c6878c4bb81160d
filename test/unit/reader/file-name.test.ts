import { describe, expect, it } from 'vitest';
import { isExecutableAttachment } from '../../../shared/security/executable-types';
import { MAX_FILE_NAME_BYTES, numberedFileName, sanitizeFileName } from '../../../shared/security/file-name';

const utf8 = (text: string) => Buffer.byteLength(text, 'utf8');

describe('sanitizeFileName', () => {
  it.each([
    ['report.pdf', 'report.pdf'],
    ['../../etc/passwd', 'etc_passwd'],
    ['..\\..\\Windows\\System32\\evil.dll', 'Windows_System32_evil.dll'],
    ['/etc/shadow', 'etc_shadow'],
    ['C:\\Users\\ada\\x.txt', 'C__Users_ada_x.txt'],
    ['\\\\server\\share\\x.txt', 'server_share_x.txt'],
    ['..', 'attachment'],
    ['.', 'attachment'],
    ['...', 'attachment'],
    ['', 'attachment'],
    ['   ', 'attachment'],
    ['.bashrc', 'bashrc'],
    ['name.txt...   ', 'name.txt'],
    ['a\u0000b.txt', 'ab.txt'],
    ['evil\u0000.pdf.exe', 'evil.pdf.exe'],
    ['tab\there\nnewline.txt', 'tab here newline.txt'],
    ['bell\u0007\u001b[31m.txt', 'bell[31m.txt'],
    ['a<b>c:d"e|f?g*h.txt', 'a_b_c_d_e_f_g_h.txt'],
  ])('%j → %j', (raw, safe) => {
    expect(sanitizeFileName(raw)).toBe(safe);
  });

  it('treats null and undefined as a missing name', () => {
    expect(sanitizeFileName(null)).toBe('attachment');
    expect(sanitizeFileName(undefined)).toBe('attachment');
  });

  it('removes bidi overrides so the real extension is the one shown', () => {
    // "invoice\u202Efdp.exe" displays as "invoiceexe.pdf".
    const name = sanitizeFileName('invoice\u202Efdp.exe');
    expect(name).toBe('invoicefdp.exe');
    expect(isExecutableAttachment(name, 'application/pdf')).toBe(true);
    expect(sanitizeFileName('a\u2066b\u2069\u200e\u200f\u061c.txt')).toBe('ab.txt');
  });

  it('removes zero-width and other invisible characters', () => {
    expect(sanitizeFileName('in\u200bvoi\u200dce\ufeff.pdf')).toBe('invoice.pdf');
  });

  it('folds full-width and look-alike separators before checking them', () => {
    expect(sanitizeFileName('．．／．．／etc／passwd')).toBe('etc_passwd');
    expect(sanitizeFileName('a\u2215b\u2044c.txt')).toBe('a_b_c.txt');
    expect(sanitizeFileName('ａｂｃ.txt')).toBe('abc.txt');
    expect(sanitizeFileName('x\uff3cy.txt')).toBe('x_y.txt');
  });

  it.each(['CON', 'con', 'PRN.txt', 'aux.tar.gz', 'NUL', 'nul.pdf', 'COM1', 'com9.log', 'LPT1', 'lpt3.doc', 'COM¹'])(
    'prefixes the Windows device name %j',
    (raw) => {
      const safe = sanitizeFileName(raw);
      expect(safe.startsWith('_')).toBe(true);
      expect(safe.slice(1)).toBe(raw.normalize('NFKC'));
    },
  );

  it('leaves names that merely start like a device alone', () => {
    expect(sanitizeFileName('console.log')).toBe('console.log');
    expect(sanitizeFileName('company.pdf')).toBe('company.pdf');
  });

  it('caps the length in UTF-8 bytes and keeps the extension', () => {
    const long = `${'a'.repeat(1000)}.pdf`;
    const safe = sanitizeFileName(long);
    expect(utf8(safe)).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES);
    expect(safe.endsWith('.pdf')).toBe(true);
    const wide = `${'ü'.repeat(300)}.docx`;
    const cut = sanitizeFileName(wide);
    expect(utf8(cut)).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES);
    expect(cut.endsWith('.docx')).toBe(true);
    // Never half a character: the cut falls between code points.
    expect(cut).toMatch(/^ü+\.docx$/);
    const emoji = sanitizeFileName(`${'😀'.repeat(100)}.png`);
    expect(emoji).toMatch(/^(😀)+\.png$/u);
  });

  it('numbers alternatives without losing the extension or the cap', () => {
    expect(numberedFileName('report.pdf', 2)).toBe('report (2).pdf');
    expect(numberedFileName('README', 3)).toBe('README (3)');
    const long = sanitizeFileName(`${'b'.repeat(400)}.txt`);
    const numbered = numberedFileName(long, 12);
    expect(utf8(numbered)).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES);
    expect(numbered.endsWith(' (12).txt')).toBe(true);
  });
});

describe('isExecutableAttachment', () => {
  it.each(['setup.exe', 'run.BAT', 'x.cmd', 'x.com', 'x.scr', 'x.msi', 'x.js', 'x.vbs', 'x.jar', 'x.ps1', 'x.sh'])(
    '%s by its extension',
    (name) => expect(isExecutableAttachment(name, 'application/octet-stream')).toBe(true),
  );
  it.each(['x.app', 'x.dmg', 'x.lnk', 'x.hta', 'page.html', 'x.desktop', 'x.AppImage'])('%s too', (name) =>
    expect(isExecutableAttachment(name, 'application/octet-stream')).toBe(true),
  );
  it('by the declared type when the name hides it', () => {
    expect(isExecutableAttachment('invoice', 'application/x-msdownload')).toBe(true);
    expect(isExecutableAttachment('notes.txt', 'text/html')).toBe(true);
  });
  it('not documents and images', () => {
    for (const name of ['report.pdf', 'photo.jpg', 'sheet.xlsx', 'notes.txt', 'archive.zip']) {
      expect(isExecutableAttachment(name, 'application/octet-stream')).toBe(false);
    }
  });
});
