import type { Entity } from '../../catalog/model/entity';
import { ANNOTATION } from '../../catalog/model/entity';
import { BUILTIN_ANNOTATION } from '../builtin/register';
import type { TaskSpec, TemplateStep, StepState } from './types';

/** Where a template's relative `url`s point: its built-in folder or the file it was read from. */
function templateBaseUrl(entity: Entity): string | undefined {
  const annotations = entity.metadata.annotations ?? {};
  if (annotations[BUILTIN_ANNOTATION]) return annotations[BUILTIN_ANNOTATION];
  const location = annotations[ANNOTATION.managedByLocation];
  return location?.startsWith('url:') ? location.slice(4) : undefined;
}

/** A template's steps with ids and names filled in as Backstage does. */
function templateSteps(entity: Entity): TemplateStep[] {
  const steps = Array.isArray(entity.spec?.steps) ? (entity.spec.steps as Record<string, unknown>[]) : [];
  return steps.map((s, i) => {
    const id = typeof s.id === 'string' && s.id ? s.id : `step-${i + 1}`;
    const action = String(s.action ?? '');
    const step: TemplateStep = { id, name: typeof s.name === 'string' && s.name ? s.name : action, action };
    if (s.input && typeof s.input === 'object') step.input = s.input as Record<string, unknown>;
    if (typeof s.if === 'string' || typeof s.if === 'boolean') step.if = s.if;
    if (s.each !== undefined) step.each = s.each;
    return step;
  });
}

/** The TaskSpec (Backstage's v1beta3) for running a template with these (secret-free) parameters. */
export function taskSpec(entity: Entity, templateRef: string, parameters: Record<string, unknown>, user: TaskSpec['user']): TaskSpec {
  const { name, title, description, tags, namespace } = entity.metadata;
  return {
    apiVersion: 'scaffolder.backstage.io/v1beta3',
    templateInfo: {
      entityRef: templateRef,
      ...(templateBaseUrl(entity) ? { baseUrl: templateBaseUrl(entity) } : {}),
      entity: { metadata: { name, namespace, ...(title ? { title } : {}), ...(description ? { description } : {}), ...(tags ? { tags } : {}) } },
    },
    parameters,
    steps: templateSteps(entity),
    output: (entity.spec?.output as Record<string, unknown>) ?? {},
    user,
  };
}

/** Every step open, as a new run starts. */
export function initialSteps(spec: TaskSpec): StepState[] {
  return spec.steps.map((s) => ({ id: s.id, name: s.name, action: s.action, status: 'open' }));
}
