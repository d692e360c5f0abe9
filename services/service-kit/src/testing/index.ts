/**
 * `@fidu/service-kit/testing`: helpers for tests and benchmarks (a throw-away database, a service
 * config for a test run, direct subgraph calls, waiting for a condition, a benchmark's figure line). Production code never
 * imports it; the kit's entry point does not export it.
 */
export * from './bench-figure';
export * from './test-helpers';
