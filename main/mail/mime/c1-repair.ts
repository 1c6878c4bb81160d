// Node 20.18.3+ and 22.13+ decode `windows-1252` (and every label that maps to it: iso-8859-1,
// latin1, us-ascii …) as plain Latin-1, so bytes 0x80–0x9F come out as invisible C1 control
// characters instead of € ‘ ’ “ ” – — … (https://github.com/nodejs/node/issues/60888).
// postal-mime decodes through TextDecoder, so those characters vanish from subjects, names,
// filenames and bodies. Real mail never means a C1 control, so mapping them back to what
// windows-1252 assigns them is safe whichever runtime decoded the text.

// WHATWG index-windows-1252 for 0x80–0x9F; the five undefined bytes stay C1 controls as the standard says.
const WINDOWS_1252_C1 =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

const C1 = /[\u0080-\u009f]/g;

export function repairC1(text: string): string {
  C1.lastIndex = 0;
  if (!C1.test(text)) return text;
  return text.replace(C1, (c) => WINDOWS_1252_C1.charAt(c.charCodeAt(0) - 0x80));
}
