import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { metaPolicyOf } from '../../main/web/security';
import { buildCsp } from '../../shared/security/csp';

const directives = (policy: string) =>
  policy
    .split(';')
    .map((d) => d.trim().replace(/\s+/g, ' '))
    .filter(Boolean)
    .sort();

describe('app Content-Security-Policy', () => {
  it('is the same in renderer/index.html as in the Electron header (less frame-ancestors, which a meta cannot carry)', () => {
    const html = readFileSync(new URL('../../renderer/index.html', import.meta.url), 'utf8');
    const meta = metaPolicyOf(html);
    expect(meta).not.toBeNull();
    expect(directives(meta ?? '')).toEqual(directives(buildCsp()).filter((d) => !d.startsWith('frame-ancestors')));
  });

  it('allows no inline or remote script, no plugins and no framing', () => {
    const policy = buildCsp();
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("frame-ancestors 'none'");
  });
});
