import fs from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';
import helmet from 'helmet';

/**
 * Where the dashboard's files are: beside this module, from the sources (tsx, jest) and from the
 * compiled build alike (`npm run build` copies src/dashboard/public to dist/src/dashboard/public).
 */
export const DASHBOARD_FILES = path.join(__dirname, 'public');

/**
 * Stricter than helmet's default: scripts, styles, images and API calls from this origin only, no
 * inline script or style, no framing, no plugins. No `upgrade-insecure-requests` either: serve
 * speaks plain HTTP (TLS ends at a proxy, or it is a laptop), and upgrading the dashboard's own
 * requests to https would break it there.
 */
const CONTENT_SECURITY_POLICY = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'none'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'"],
    connectSrc: ["'self'"],
    baseUri: ["'none'"],
    formAction: ["'none'"],
    frameAncestors: ["'none'"],
  },
};

/**
 * The admin dashboard: a page at `/` and its files under `/dashboard/`, plain ES modules and CSS
 * with no build step, calling the API (`/api/v1`) with the token the person signs in with. Every
 * other path falls through (to the API, metrics, and the JSON 404).
 */
export function dashboardRouter(files = DASHBOARD_FILES): Router {
  const router = Router();
  // Missing files (an incomplete build) are a start-up error, not a blank page found later.
  if (!fs.existsSync(path.join(files, 'index.html'))) throw new Error(`The dashboard's files are missing: no index.html in ${files}`);
  const csp = helmet.contentSecurityPolicy(CONTENT_SECURITY_POLICY);
  // Revalidated on each load (ETag), so a new version shows at once and an unchanged one costs a 304.
  const headers = { 'Cache-Control': 'no-cache' };
  router.get('/', csp, (_req, res) => {
    res.set(headers).sendFile(path.join(files, 'index.html'));
  });
  router.use('/dashboard', csp, express.static(files, { index: false, redirect: false, setHeaders: (res) => res.set(headers) }));
  return router;
}
