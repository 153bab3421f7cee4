import type { BackendPlugin } from './plugin';
import { catalogPlugin } from './catalog';
import { catalogSearchSource } from './catalog/search-source';
import { searchPlugin } from './search';

/** The one place features are registered: each is mounted at `/api/<id>`. */
export const plugins: BackendPlugin[] = [catalogPlugin, searchPlugin([catalogSearchSource])];
