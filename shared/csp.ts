/**
 * The renderer's Content-Security-Policy: the same text is in renderer/index.html (a meta tag, for
 * Electron's file:// load) and sent as a header by the browser host. A test keeps the two equal.
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
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');
