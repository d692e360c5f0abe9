// Tracing before anything else (see ./tracing).
import './tracing';
import { runMain } from '@fidu/service-kit';
import { createGateway } from './app';
import { readConfig } from './config';

runMain('gateway', () => createGateway(readConfig()));
