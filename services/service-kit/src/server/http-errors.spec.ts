import express from 'express';
import request from 'supertest';
import { createLogger } from '../logger';
import { jsonErrorHandler } from './http-errors';

/** The last handler of every app: JSON with a code, 503 for a passing failure, 500 only for bugs. */
describe('jsonErrorHandler', () => {
  const appThrowing = (error: unknown) => {
    const app = express();
    app.get('/x', () => {
      throw error;
    });
    app.use(jsonErrorHandler(createLogger('spec', 'silent')));
    return app;
  };

  it('answers a terminated database connection 503 SERVICE_UNAVAILABLE with Retry-After', async () => {
    const terminated = Object.assign(new Error('terminating connection due to administrator command'), {
      code: '57P01',
    });
    const res = await request(appThrowing(terminated)).get('/x');
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('1');
    expect(res.body.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
  });

  it('answers a bug 500 INTERNAL_SERVER_ERROR without its message', async () => {
    const res = await request(appThrowing(new TypeError('secret detail'))).get('/x');
    expect(res.status).toBe(500);
    expect(res.body).toEqual({
      errors: [{ message: 'Internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
    });
  });
});
