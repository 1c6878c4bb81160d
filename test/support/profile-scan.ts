import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every file under `dir` whose bytes contain `needle` (as UTF-8 or UTF-16LE, like a careless writer would). */
export function filesContaining(dir: string, needle: string): string[] {
  const patterns = [
    Buffer.from(needle, 'utf8'),
    Buffer.from(needle, 'utf16le'),
    Buffer.from(Buffer.from(needle).toString('base64')),
  ];
  const hits: string[] = [];
  const walk = (path: string): void => {
    if (statSync(path).isDirectory()) {
      for (const name of readdirSync(path)) walk(join(path, name));
      return;
    }
    const bytes = readFileSync(path);
    if (patterns.some((pattern) => bytes.includes(pattern))) hits.push(path);
  };
  walk(dir);
  return hits;
}
