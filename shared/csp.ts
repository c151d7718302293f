/**
 * The renderer's Content-Security-Policy: the same text is in renderer/index.html (a meta tag, for
 * the Vite dev server) and sent as a header, with frame-ancestors (a directive browsers ignore in a meta
 * tag), by both the app's atobarai:// scheme and the browser host (electron/static/renderer-files.ts). A test keeps the HTML and this text equal.
 */
export const RENDERER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');

/** The header the browser host sends: the same policy, and no framing by other sites. */
export const HOST_CSP = `${RENDERER_CSP}; frame-ancestors 'none'`;
