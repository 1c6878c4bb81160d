import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every regular file under `dir`, recursively (the whole profile: settings, store, vault, WAL, logs). */
export function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listFiles(path);
    return entry.isFile() ? [path] : [];
  });
}

/** Files whose bytes hold `secret` as UTF-8, UTF-16LE or base64: any way a careless writer could have kept it. */
export function filesContaining(dir: string, secret: string): string[] {
  const forms = [
    Buffer.from(secret, 'utf8'),
    Buffer.from(secret, 'utf16le'),
    Buffer.from(Buffer.from(secret).toString('base64')),
  ];
  return listFiles(dir).filter((path) => {
    const bytes = readFileSync(path);
    return forms.some((form) => bytes.includes(form));
  });
}
