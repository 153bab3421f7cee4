import type { BackendPlugin } from './plugin';
import { authPlugin } from './auth';
import { catalogPlugin } from './catalog';
import { catalogSearchSource } from './catalog/search-source';
import { githubPlugin } from './github';
import { scaffolderPlugin } from './scaffolder';
import { searchPlugin } from './search';
import { settingsPlugin } from './settings';
import { techdocsPlugin } from './techdocs';
import { techdocsSearchSource } from './techdocs/search-source';

/** The one place features are registered: each is mounted at `/api/<id>`. */
export const plugins: BackendPlugin[] = [catalogPlugin, githubPlugin, searchPlugin([catalogSearchSource, techdocsSearchSource]), authPlugin, settingsPlugin, techdocsPlugin, scaffolderPlugin];
