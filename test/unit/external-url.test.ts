import { describe, expect, it } from 'vitest';
import { isSafeExternalUrl } from '../../shared/security/external-url';

describe('isSafeExternalUrl', () => {
  it.each(['https://example.org/a?b=c', 'http://example.org', 'mailto:ada@example.org', 'mailto:?to=ada@example.org'])(
    'allows %s',
    (url) => expect(isSafeExternalUrl(url)).toBe(true),
  );

  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    'smb://evil/share',
    'ms-msdt:/id PCWDiagnostic',
    'data:text/html,<script>1</script>',
    'vbscript:msgbox',
    'https://user:pass@example.org',
    'not a url',
    '',
    'mailto:',
  ])('refuses %s', (url) => expect(isSafeExternalUrl(url)).toBe(false));
});
