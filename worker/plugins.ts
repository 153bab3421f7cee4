import type { BackendPlugin } from './plugin';
import { authPlugin } from './auth';
import { catalogPlugin } from './catalog';
import { catalogSearchSource } from './catalog/search-source';
import { githubPlugin } from './github';
import { searchPlugin } from './search';

/** The one place features are registered: each is mounted at `/api/<id>`. */
export const plugins: BackendPlugin[] = [catalogPlugin, githubPlugin, searchPlugin([catalogSearchSource]), authPlugin];
