import { For, Show } from 'solid-js';
import { deref, refName, schemaType, type Json } from './openapi';

const MAX_DEPTH = 6;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The schema a reader needs to open to see more: a referenced one, array items, or inline object properties. */
function expandable(doc: Json, schema: Json | undefined): Json | undefined {
  if (!schema) return undefined;
  if (typeof schema.$ref === 'string') return deref(doc, schema);
  if (schema.type === 'array' && isObject(schema.items)) return expandable(doc, schema.items) ?? undefined;
  if (isObject(schema.properties) || Array.isArray(schema.allOf) || Array.isArray(schema.oneOf) || Array.isArray(schema.anyOf)) return schema;
  return undefined;
}

/** The properties of a schema, merging `allOf` parts so composed models read as one. */
function propertiesOf(doc: Json, schema: Json, seen: ReadonlySet<string>): { name: string; schema: Json; required: boolean }[] {
  const required = new Set(Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === 'string') : []);
  const own = isObject(schema.properties)
    ? Object.entries(schema.properties).flatMap(([name, s]) => (isObject(s) ? [{ name, schema: s, required: required.has(name) }] : []))
    : [];
  const parts = Array.isArray(schema.allOf)
    ? schema.allOf.flatMap((part) => {
        const ref = isObject(part) && typeof part.$ref === 'string' ? part.$ref : undefined;
        if (ref && seen.has(ref)) return [];
        const resolved = deref(doc, part);
        return resolved ? propertiesOf(doc, resolved, ref ? new Set([...seen, ref]) : seen) : [];
      })
    : [];
  return [...parts, ...own];
}

/** Constraints worth a glance: enum values, default, pattern, bounds. */
function constraints(schema: Json): string[] {
  const out: string[] = [];
  if (Array.isArray(schema.enum)) out.push(`one of: ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}`);
  if (schema.default !== undefined) out.push(`default: ${JSON.stringify(schema.default)}`);
  if (typeof schema.pattern === 'string') out.push(`pattern: ${schema.pattern}`);
  for (const key of ['minimum', 'maximum', 'minLength', 'maxLength', 'minItems', 'maxItems'] as const) {
    if (typeof schema[key] === 'number') out.push(`${key}: ${schema[key]}`);
  }
  if (schema.nullable === true) out.push('nullable');
  if (schema.readOnly === true) out.push('read-only');
  if (schema.writeOnly === true) out.push('write-only');
  return out;
}

/**
 * A schema as nested property lists. Referenced and nested schemas open on demand, and a schema
 * already open further up (a recursive model) is named rather than expanded again.
 */
export function SchemaView(props: { doc: Json; schema: Json | undefined; depth?: number; seen?: ReadonlySet<string> }) {
  const depth = () => props.depth ?? 0;
  const seen = () => props.seen ?? new Set<string>();
  const target = () => {
    const s = props.schema;
    const ref = s && typeof s.$ref === 'string' ? s.$ref : s?.type === 'array' && isObject(s.items) && typeof s.items.$ref === 'string' ? s.items.$ref : undefined;
    return { schema: expandable(props.doc, s), ref };
  };
  const variants = () => {
    const s = target().schema;
    const list = s && (Array.isArray(s.oneOf) ? s.oneOf : Array.isArray(s.anyOf) ? s.anyOf : undefined);
    return list?.filter(isObject) ?? [];
  };

  return (
    <Show when={target().schema && depth() < MAX_DEPTH && !(target().ref && seen().has(target().ref!))} fallback={<Show when={target().ref && seen().has(target().ref!)}><p class="schema-recursive muted">{refName(target().ref!)} (recursive, shown above)</p></Show>}>
      <Show when={target().schema?.description && depth() > 0 && target().ref}>
        <p class="schema-description">{String(target().schema!.description)}</p>
      </Show>
      <Show when={variants().length}>
        <ul class="schema-variants">
          <For each={variants()}>
            {(variant) => (
              <li>
                <SchemaField doc={props.doc} name={schemaType(props.doc, variant)} schema={variant} required={false} depth={depth()} seen={seen()} />
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={propertiesOf(props.doc, target().schema!, seen()).length}>
        <ul class="schema-properties">
          <For each={propertiesOf(props.doc, target().schema!, seen())}>
            {(prop) => (
              <li>
                <SchemaField
                  doc={props.doc}
                  name={prop.name}
                  schema={prop.schema}
                  required={prop.required}
                  depth={depth()}
                  seen={target().ref ? new Set([...seen(), target().ref!]) : seen()}
                />
              </li>
            )}
          </For>
        </ul>
      </Show>
    </Show>
  );
}

/** One property: name, type, description and constraints; its own schema opens underneath when it has one. */
function SchemaField(props: { doc: Json; name: string; schema: Json; required: boolean; depth: number; seen: ReadonlySet<string> }) {
  const resolved = () => deref(props.doc, props.schema) ?? props.schema;
  const nested = () => expandable(props.doc, props.schema);
  const head = () => (
    <span class="schema-field-head">
      <code class="schema-field-name">{props.name}</code>
      <span class="schema-field-type">{schemaType(props.doc, props.schema)}</span>
      <Show when={props.required}>
        <span class="schema-required">required</span>
      </Show>
      <Show when={resolved().deprecated === true}>
        <span class="schema-deprecated">deprecated</span>
      </Show>
    </span>
  );
  const details = () => (
    <>
      <Show when={typeof resolved().description === 'string' && resolved().description}>
        <span class="schema-field-description">{String(resolved().description)}</span>
      </Show>
      <Show when={constraints(resolved()).length}>
        <span class="schema-constraints">{constraints(resolved()).join(' · ')}</span>
      </Show>
    </>
  );
  return (
    <Show
      when={nested()}
      fallback={
        <div class="schema-field">
          {head()}
          {details()}
        </div>
      }
    >
      <details class="schema-field schema-field-nested">
        <summary>{head()}</summary>
        {details()}
        <SchemaView doc={props.doc} schema={props.schema} depth={props.depth + 1} seen={props.seen} />
      </details>
    </Show>
  );
}
