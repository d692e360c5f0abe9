import { pipeline } from 'node:stream/promises';
import type express from 'express';
import type { DataSource } from 'typeorm';
import type { Logger } from '@fidu/service-kit';
import { verifyDownload } from '../domain/download-token';
import { contentTypeOf, descriptorOfGrant, streamFile } from '../read-models/export-file.read-model';

/**
 * `GET /downloads/:token/:name`: streams a file a signed link grants (see ExportFile.downloadUrl).
 * The token is the authentication: it names the file and the office, expires in minutes and is
 * signed with the gateway-shared secret, so the route needs no principal header. Rows flow from
 * keyset reads through the formatter to the socket with back-pressure: memory stays flat.
 */
export function mountDownloadRoute(app: express.Express, ds: DataSource, secret: string, log: Logger): void {
  app.get('/downloads/:token/:name', async (req, res) => {
    const grant = await verifyDownload(req.params.token, secret);
    if (!grant) {
      res.status(403).json({
        errors: [
          {
            message: 'This download link is invalid or expired.',
            extensions: { code: 'CONNECTOR_DOWNLOAD_LINK_INVALID' },
          },
        ],
      });
      return;
    }
    const file = await descriptorOfGrant(ds, grant).catch(() => null);
    if (!file) {
      res
        .status(404)
        .json({ errors: [{ message: 'No such file.', extensions: { code: 'CONNECTOR_FILE_NOT_FOUND' } }] });
      return;
    }
    res.status(200);
    res.setHeader('content-type', contentTypeOf(file));
    res.setHeader('content-disposition', `attachment; filename="${file.fileName}"`);
    res.setHeader('cache-control', 'no-store');
    try {
      await pipeline(streamFile(ds, file), res);
    } catch (error) {
      // Headers are gone: the client sees a truncated transfer; say why in the logs.
      log.warn({ err: error, file: file.fileName }, 'download interrupted');
      res.destroy();
    }
  });
}
