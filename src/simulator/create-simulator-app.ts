import express, { type ErrorRequestHandler, type Express } from 'express';
import { ZodError } from 'zod';
import type { SimulatorContext } from './simulator-context';
import { applyLatency, injectFaults, requireBearer, trackApiRequests } from './api-middleware';
import { apiError, emptyError } from './jamf-errors';
import { FieldError } from './rsql-matcher';
import { authRoutes } from './routes/auth-routes';
import { computerRoutes } from './routes/computer-routes';
import { controlRoutes } from './routes/control-routes';
import { mobileDeviceRoutes } from './routes/mobile-device-routes';
import { referenceRoutes } from './routes/reference-routes';

/**
 * The simulator's HTTP app. Order matters: every `/api` request is counted and delayed; token
 * endpoints come before fault injection and the bearer check; data routes come after both.
 */
export function createSimulatorApp(ctx: SimulatorContext): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  app.use(controlRoutes(ctx));

  app.use('/api', trackApiRequests(ctx), applyLatency(ctx));
  app.use(authRoutes(ctx));
  app.use('/api', injectFaults(ctx), requireBearer(ctx));
  app.use(referenceRoutes(ctx));
  app.use(computerRoutes(ctx));
  app.use(mobileDeviceRoutes(ctx));
  app.use('/api', (_req, res) => {
    res.status(404).json(emptyError(404));
  });
  app.use((_req, res) => {
    res.status(404).json({ error: 'Not found' });
  });
  app.use(errorHandler);
  return app;
}

const errorHandler: ErrorRequestHandler = (error: unknown, req, res, _next) => {
  const control = req.path.startsWith('/__sim');
  if (error instanceof FieldError) {
    res.status(400).json(apiError(400, null, error.message));
    return;
  }
  if (error instanceof ZodError) {
    res.status(400).json({ error: 'Invalid request body', issues: error.issues });
    return;
  }
  if (isBodyParseError(error)) {
    res.status(400).json(control ? { error: 'Malformed JSON body' } : apiError(400, null, 'Malformed request body'));
    return;
  }
  res.status(500).json(control ? { error: error instanceof Error ? error.message : String(error) } : emptyError(500));
};

function isBodyParseError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { type?: unknown }).type === 'entity.parse.failed';
}
