import type { Config } from '../../config';
import { integrationReaders } from '../../integrations';
import { createUrlReader, type UrlReader } from './reader';

/** The catalog's reader as configured: allowed hosts plus the hosts integrations read (GitHub App). */
export function catalogReader(config: Config, { allowLocalUrls }: { allowLocalUrls: boolean }): UrlReader {
  return createUrlReader({
    allowedHosts: config.catalog.allowedHosts,
    allowLocalUrls,
    hostReaders: integrationReaders(config),
  });
}
