import express, { type RequestHandler, type Router } from 'express';
import type { SimulatorContext } from '../simulator-context';
import type { DeviceKind } from '../fleet-store';
import { faultsSchema, fileVaultKeySchema, recordSchema, webhookRequestSchema } from '../control-schemas';
import { sendWebhook, WebhookRequestError } from '../send-webhook';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** Test, demo and benchmark controls. No auth, so they answer loopback callers only. */
export function controlRoutes(ctx: SimulatorContext): Router {
  const router = express.Router();
  router.use('/__sim', loopbackOnly, express.json({ limit: '20mb' }));

  for (const [segment, kind] of [['computers', 'computers'], ['mobile-devices', 'mobileDevices']] as const) {
    addDeviceControls(router, ctx, segment, kind);
  }

  router.put('/__sim/computers/:id/filevault', (req, res) => {
    const body = fileVaultKeySchema.parse(req.body);
    if (!ctx.store.get('computers', req.params.id)) {
      res.status(404).json({ error: `No computer with id ${req.params.id}` });
      return;
    }
    ctx.store.setFileVaultKey(req.params.id, body.personalRecoveryKey);
    res.status(204).end();
  });

  router.get('/__sim/stats', (_req, res) => {
    res.json(ctx.stats.snapshot());
  });
  router.post('/__sim/stats/reset', (_req, res) => {
    ctx.stats.reset();
    res.json(ctx.stats.snapshot());
  });

  router.get('/__sim/faults', (_req, res) => {
    res.json(ctx.faults.faults);
  });
  router.post('/__sim/faults', (req, res) => {
    ctx.faults.update(faultsSchema.parse(req.body ?? {}));
    res.json(ctx.faults.faults);
  });

  router.post('/__sim/webhooks', async (req, res) => {
    const request = webhookRequestSchema.parse(req.body);
    try {
      const delivery = await sendWebhook(ctx.store, request, ctx.now);
      res.json({ status: delivery.status, body: delivery.body, error: delivery.error, sent: delivery.sent.payload });
    } catch (error) {
      if (error instanceof WebhookRequestError) {
        res.status(error.status).json({ error: error.message });
        return;
      }
      throw error;
    }
  });

  return router;
}

function addDeviceControls(router: Router, ctx: SimulatorContext, segment: string, kind: DeviceKind): void {
  const base = `/__sim/${segment}`;
  router.post(base, (req, res) => {
    res.status(201).json(ctx.store.add(kind, recordSchema.parse(req.body)));
  });
  router.patch(`${base}/:id`, (req, res) => {
    const updated = ctx.store.patch(kind, String(req.params.id), recordSchema.parse(req.body));
    if (!updated) {
      res.status(404).json({ error: `No ${segment} record with id ${req.params.id}` });
      return;
    }
    res.json(updated);
  });
  router.delete(`${base}/:id`, (req, res) => {
    if (!ctx.store.remove(kind, String(req.params.id))) {
      res.status(404).json({ error: `No ${segment} record with id ${req.params.id}` });
      return;
    }
    res.status(204).end();
  });
}

const loopbackOnly: RequestHandler = (req, res, next) => {
  if (!LOOPBACK.has(req.socket.remoteAddress ?? '')) {
    res.status(403).json({ error: 'The simulator control API answers loopback callers only.' });
    return;
  }
  next();
};
