import { config } from 'zod';

/**
 * Zod compiles fast parsers with `new Function` unless told not to. The app's CSP forbids eval,
 * and even zod's caught probe for it is reported as a CSP violation, so turn that off before any
 * schema is built: main.tsx imports this module first.
 */
config({ jitless: true });
