import { Hono } from 'hono';
import type { AppEnv } from '../env';
import type { BackendPlugin } from '../plugin';
import { entityRoutes } from './api/entities';
import { locationRoutes } from './api/locations';
import { actionRoutes } from './api/actions';
import { recentRoutes } from './api/recent';
import { consumeIngest } from './ingest/consumer';

/** The software catalog: Backstage's catalog API plus event-driven ingestion. */
export const catalogPlugin: BackendPlugin = {
  id: 'catalog',
  routes: new Hono<AppEnv>().route('/', entityRoutes).route('/', locationRoutes).route('/', actionRoutes).route('/', recentRoutes),
  queues: { 'greenroom-ingest': consumeIngest },
};
