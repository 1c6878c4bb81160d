import { app } from 'electron';

const MAILTO = /^mailto:/i;

/**
 * Letterbox as the system's mail app: mailto: links arrive as `open-url` (macOS) or on the command
 * line of the first or a second instance (Windows, Linux). Links that come before the app is
 * ready wait until `deliver` is set. What a link does is only ever "open a prefilled draft"
 * (compose:mailto); nothing is sent and attach= is ignored there.
 */
export function createMailtoHandler(): {
  ready(deliver: (url: string) => void): void;
  fromArgv(argv: readonly string[]): void;
} {
  let deliver: ((url: string) => void) | null = null;
  const waiting: string[] = [];
  const take = (url: string) => {
    if (!MAILTO.test(url)) return;
    if (deliver) deliver(url);
    else waiting.push(url);
  };
  // Registration can fail (sandboxed Linux packages): links from mail still work in the app.
  if (!app.isDefaultProtocolClient('mailto')) app.setAsDefaultProtocolClient('mailto');
  app.on('open-url', (event, url) => {
    event.preventDefault();
    take(url);
  });
  return {
    ready(next) {
      deliver = next;
      for (const url of waiting.splice(0)) next(url);
    },
    fromArgv(argv) {
      for (const arg of argv) take(arg);
    },
  };
}
