import pkg from '../package.json' with { type: 'json' };

export const APP_NAME = 'Letterbox';
export const APP_VERSION: string = pkg.version;
