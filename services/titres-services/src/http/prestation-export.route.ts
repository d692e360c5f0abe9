import type express from 'express';
import type { DataSource } from 'typeorm';
import { prestationExportChunks } from '../read-models/prestation-export.read-model';
import { verifyExportToken } from '../use-cases/export-prestations';

/**
 * GET /exports/prestations.csv?token=…: streams the CSV chunk by chunk, waiting for the socket to
 * drain, so a large export costs neither memory nor a long query.
 */
export function prestationExportRoute(ds: DataSource, secret: string) {
  return async (req: express.Request, res: express.Response): Promise<void> => {
    const grant = await verifyExportToken(String(req.query.token ?? ''), secret);
    if (!grant) {
      res.status(403).json({
        errors: [{ message: 'The export link is invalid or expired.', extensions: { code: 'FORBIDDEN' } }],
      });
      return;
    }
    res.status(200);
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="prestations-${grant.companyId}.csv"`);
    for await (const chunk of prestationExportChunks(ds, grant)) {
      if (!res.write(chunk)) await new Promise((r) => res.once('drain', r));
    }
    res.end();
  };
}
