// Tracing before anything else (see ./tracing).
import './tracing';
import 'reflect-metadata';
import { runMain } from '@fidu/service-kit';
import { createApp } from './app';
import { readConfig } from './config';

runMain('connectors', () => createApp(readConfig()));
