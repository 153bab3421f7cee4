import type { Config } from './config';
import type { HostReader } from './catalog/ingest/reader';
import { githubHostReader } from './github/contents';

/** Hosts whose files the catalog reads through an integration's API rather than plain HTTPS. */
export function integrationReaders(config: Config): HostReader[] {
  return config.github.app ? [githubHostReader(config.github)] : [];
}
