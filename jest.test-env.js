// Quiet service logs during tests unless asked for (LOG_LEVEL=debug npm test).
process.env.LOG_LEVEL = process.env.LOG_LEVEL ?? 'error';
