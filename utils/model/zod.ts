import { z } from 'zod';

/**
 * zod as Newsdesk uses it: without compiling parsers through `new Function`. Extension pages
 * forbid eval (MV3's content security policy), so zod would only probe for it, and the probe
 * shows up as a CSP violation in the console. Every schema imports `z` from here, so the
 * setting is in place before the first schema is built (zod reads it then).
 */
z.config({ jitless: true });

export { z };
