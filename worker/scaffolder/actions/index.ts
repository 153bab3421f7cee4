import type { ActionDefinition } from './types';
import { catalogRegister } from './catalog-register';
import { catalogWrite } from './catalog-write';
import { debugLog } from './debug-log';
import { debugWait } from './debug-wait';
import { fetchPlain } from './fetch-plain';
import { fetchPlainFile } from './fetch-plain-file';
import { fetchTemplate } from './fetch-template';
import { fetchTemplateFile } from './fetch-template-file';
import { fsDelete } from './fs-delete';
import { fsRename } from './fs-rename';
import { githubActionsDispatch } from './github-actions-dispatch';
import { publishGithub } from './publish-github';
import { publishGithubPullRequest } from './publish-github-pull-request';
import { publishLocal } from './publish-local';

/** Every action templates can use, by id: adding one is a new file plus its line here. */
export const ACTIONS: ReadonlyMap<string, ActionDefinition> = new Map(
  [
    fetchTemplate,
    fetchPlain,
    fetchTemplateFile,
    fetchPlainFile,
    fsRename,
    fsDelete,
    debugLog,
    debugWait,
    publishLocal,
    publishGithub,
    publishGithubPullRequest,
    githubActionsDispatch,
    catalogRegister,
    catalogWrite,
  ].map((a) => [a.id, a]),
);
