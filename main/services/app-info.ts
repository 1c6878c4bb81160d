import type { AppInfo } from '../../shared/ipc/contract';
import { APP_NAME, APP_VERSION } from '../version';
import type { AppContext } from './context';

export function appInfo(ctx: AppContext): AppInfo {
  return {
    name: APP_NAME,
    version: APP_VERSION,
    shell: ctx.shell,
    profileDir: ctx.profileDir,
    schemaVersion: ctx.store.schemaVersion,
    secretBackend: ctx.secrets.backend,
    notices: [...ctx.notices],
  };
}
