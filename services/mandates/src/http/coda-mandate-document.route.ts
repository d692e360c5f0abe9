import type express from 'express';
import type { Logger } from '@fidu/service-kit';
import { verifyDocumentGrant } from '../access/document-link.access';
import type { MandateDocumentRenderer } from '../documents/mandate-document-renderer';
import { documentOfGrant } from '../read-models/mandate-document.read-model';
import type { ReadDb } from '../read-models/mandate-page';

function refuse(res: express.Response, status: number, code: string, message: string): void {
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
}

/**
 * `GET /documents/:token/:name`: the CODA mandate PDF a signed link grants (see
 * MandateDocument.downloadUrl; the gateway serves it at /files/mandates/documents/…). The token is
 * the authentication, so the route needs no principal header. Fetching the file changes nothing:
 * handing the document over is the downloadCodaMandateDocument mutation's effect.
 */
export function mountCodaMandateDocumentRoute(
  app: express.Express,
  db: ReadDb,
  renderer: MandateDocumentRenderer,
  secret: string,
  log: Logger,
): void {
  app.get('/documents/:token/:name', async (req, res) => {
    const grant = await verifyDocumentGrant(req.params.token, secret);
    if (!grant) {
      refuse(res, 403, 'MANDATE_DOCUMENT_LINK_INVALID', 'This download link is invalid or expired.');
      return;
    }
    try {
      const document = await documentOfGrant(db, grant);
      if (!document || document.fileName !== req.params.name) {
        refuse(
          res,
          404,
          'MANDATE_DOCUMENT_NOT_FOUND',
          'No such document (it may have been regenerated since).',
        );
        return;
      }
      const pdf = await renderer.render(document.data);
      res.status(200);
      res.setHeader('content-type', 'application/pdf');
      res.setHeader('content-disposition', `attachment; filename="${document.fileName}"`);
      res.setHeader('cache-control', 'no-store');
      res.end(pdf);
    } catch (error) {
      log.error({ err: error }, 'mandate document download failed');
      if (!res.headersSent) refuse(res, 500, 'INTERNAL_SERVER_ERROR', 'The document could not be produced.');
    }
  });
}
