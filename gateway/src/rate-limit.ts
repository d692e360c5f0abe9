import type express from 'express';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Logger, Principal } from '@fidu/service-kit';

export interface RateLimits {
  /** Requests one client IP may send per window (every route but health checks and metrics). */
  perIp: number;
  /** GraphQL requests one authenticated principal may send per window, from any IP. */
  perPrincipal: number;
  windowSeconds: number;
}

/** Routes a load balancer or Prometheus polls: never limited, never counted. */
const UNLIMITED = /^\/(health\/|metrics$)/;

/** The identity a principal's budget is kept under (one office user, one partner, one company…). */
function principalKey(principal: Principal): string | undefined {
  switch (principal.kind) {
    case 'office':
      return `office:${principal.officeId}:${principal.userId}`;
    case 'partner':
      return `partner:${principal.partnerType}:${principal.partnerId}`;
    case 'company':
      return `company:${principal.companyId}`;
    case 'voucher_user':
      return `voucher_user:${principal.voucherUserId}`;
    case 'operator':
      return `operator:${principal.userId}`;
    case 'anonymous':
      return undefined;
  }
}

function refuse(res: express.Response, limited: RateLimiterRes, what: string): void {
  const retryAfterSeconds = Math.max(1, Math.ceil(limited.msBeforeNext / 1000));
  res.setHeader('retry-after', String(retryAfterSeconds));
  res.status(429).json({
    errors: [
      {
        message: `Too many requests ${what}; retry after ${retryAfterSeconds} s.`,
        extensions: { code: 'RATE_LIMITED', retryAfterSeconds },
      },
    ],
  });
}

/**
 * Fixed-window request budgets per client IP and per principal (rate-limiter-flexible, in memory:
 * each gateway replica keeps its own counts, so a cluster allows replicas × the limit). Refusals are
 * 429 with a GraphQL error body, code RATE_LIMITED, and Retry-After.
 */
export function createRateLimits(limits: RateLimits, log: Logger) {
  const perIp = new RateLimiterMemory({ points: limits.perIp, duration: limits.windowSeconds });
  const perPrincipal = new RateLimiterMemory({
    points: limits.perPrincipal,
    duration: limits.windowSeconds,
  });
  const consume = async (
    limiter: RateLimiterMemory,
    key: string,
    res: express.Response,
    next: express.NextFunction,
    what: string,
  ) => {
    try {
      await limiter.consume(key);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) return next(error);
      log.warn({ key, what }, 'rate limited');
      return refuse(res, error, what);
    }
    next();
  };
  return {
    /** Before authentication, so a flood of bad tokens is limited too. */
    perIp: ((req, res, next) => {
      if (UNLIMITED.test(req.path)) return next();
      void consume(perIp, req.ip ?? 'unknown', res, next, 'from this address');
    }) as express.RequestHandler,
    /** After authentication (`res.locals.principal`); anonymous callers have only the IP budget. */
    perPrincipal: ((_req, res, next) => {
      const key = principalKey(res.locals.principal as Principal);
      if (!key) return next();
      void consume(perPrincipal, key, res, next, 'for this caller');
    }) as express.RequestHandler,
  };
}
