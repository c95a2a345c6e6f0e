/** The renderer is served from this origin only (never http(s), never file://). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'ceremony';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;
export const CUSTODY_ENTRY = `${APP_ORIGIN}/entry.html`;
