// Pure logic behind the scaffolder pages: task progress from events, output links, catalog
// filters of the entity pickers, what the form sends, RepoUrlPicker values, dry-run previews.

import { createRoot } from 'solid-js';
import { describe, expect, it, vi } from 'vitest';
import type { TaskEvent } from '../../web/api/scaffolderApi';
import { pickerFilters } from '../../web/plugins/scaffolder/catalogFilter';
import { previewFile, sortFiles } from '../../web/plugins/scaffolder/dryRunFiles';
import { resolveOutputLink } from '../../web/plugins/scaffolder/outputLinks';
import { formatRepoUrl, parseRepoUrl } from '../../web/plugins/scaffolder/repoUrl';
import { applyTaskEvent, formatDuration, initialProgress, isTaskFinished } from '../../web/plugins/scaffolder/taskProgress';
import { errorsByField, parametersOf, taskRequest } from '../../web/plugins/scaffolder/templateForm';

let nextId = 0;
const event = (type: TaskEvent['type'], body: TaskEvent['body']): TaskEvent => ({ id: ++nextId, taskId: 't1', type, createdAt: new Date(1_700_000_000_000 + nextId * 1000).toISOString(), body });
const STEPS = [
  { id: 'fetch', name: 'Fetch', action: 'fetch:template' },
  { id: 'publish', name: 'Publish', action: 'publish:local' },
  { id: 'gh', name: 'GitHub', action: 'publish:github' },
];

describe('task progress from events', () => {
  it('follows each step from open through processing to its end, with its log', () => {
    let p = initialProgress(STEPS, 'open');
    expect(p.steps.map((s) => s.status)).toEqual(['open', 'open', 'open']);
    for (const e of [
      event('log', { stepId: 'fetch', status: 'processing', message: 'Beginning step Fetch' }),
      event('log', { stepId: 'fetch', message: 'Rendered 7 files' }),
      event('log', { stepId: 'fetch', status: 'completed', message: 'Finished step Fetch' }),
      event('log', { stepId: 'publish', status: 'processing', message: 'Beginning step Publish' }),
    ]) p = applyTaskEvent(p, e);
    expect(p.status).toBe('processing');
    expect(p.steps[0]).toMatchObject({ status: 'completed', log: ['Beginning step Fetch', 'Rendered 7 files', 'Finished step Fetch'] });
    expect(formatDuration(p.steps[0]!.startedAt, p.steps[0]!.endedAt)).toBe('2.0 s');
    expect(p.steps[1]!.status).toBe('processing');

    p = applyTaskEvent(p, event('log', { stepId: 'publish', status: 'completed', message: 'done' }));
    p = applyTaskEvent(p, event('log', { stepId: 'gh', status: 'skipped', message: 'Skipping step GitHub' }));
    p = applyTaskEvent(p, event('completion', { status: 'completed', message: 'Run completed', output: { links: [{ title: 'Open', entityRef: 'component:default/x' }] } }));
    expect(p.status).toBe('completed');
    expect(isTaskFinished(p.status)).toBe(true);
    expect(p.steps.map((s) => s.status)).toEqual(['completed', 'completed', 'skipped']);
    expect(p.output?.links?.[0]?.entityRef).toBe('component:default/x');
  });

  it('ignores an event it has already applied (a replayed stream)', () => {
    const e = event('log', { stepId: 'fetch', status: 'processing', message: 'once' });
    const p = applyTaskEvent(applyTaskEvent(initialProgress(STEPS, 'open'), e), e);
    expect(p.steps[0]!.log).toEqual(['once']);
  });

  it('marks the running step failed and keeps a readable error on failure', () => {
    let p = initialProgress(STEPS, 'processing');
    p = applyTaskEvent(p, event('log', { stepId: 'fetch', status: 'processing', message: 'go' }));
    p = applyTaskEvent(p, event('completion', { status: 'failed', message: 'Run failed', error: { name: 'InputError', message: 'No such file ./skeleton' } }));
    expect(p.status).toBe('failed');
    expect(p.error).toBe('No such file ./skeleton');
    expect(p.steps[0]!.status).toBe('failed');
  });

  it('cancels the running and waiting steps but keeps finished ones', () => {
    let p = initialProgress(STEPS, 'processing');
    p = applyTaskEvent(p, event('log', { stepId: 'fetch', status: 'completed', message: 'ok' }));
    p = applyTaskEvent(p, event('log', { stepId: 'publish', status: 'processing', message: 'go' }));
    p = applyTaskEvent(p, event('cancelled', { message: 'Cancelled by user' }));
    expect(p.status).toBe('cancelled');
    expect(p.steps.map((s) => s.status)).toEqual(['completed', 'cancelled', 'cancelled']);
    expect(p.taskLog).toContain('Cancelled by user');
  });
});

describe('output links', () => {
  it('opens entity refs in the catalog and same-origin paths as downloads', () => {
    expect(resolveOutputLink({ title: 'Open in catalog', entityRef: 'component:default/my-svc' })).toEqual({ title: 'Open in catalog', href: '/catalog/default/component/my-svc', internal: true });
    expect(resolveOutputLink({ title: 'Download', url: '/api/scaffolder/v2/tasks/abc/archive' })).toEqual({ title: 'Download', href: '/api/scaffolder/v2/tasks/abc/archive', internal: false });
    expect(resolveOutputLink({ title: 'Repo', url: 'https://github.com/acme/x' }).href).toBe('https://github.com/acme/x');
  });

  it('never yields a script URL or another host disguised as a path', () => {
    for (const url of ['javascript:alert(1)', '//evil.example/x', '/\\evil.example', 'data:text/html,x']) {
      const link = resolveOutputLink({ title: 'x', url });
      expect(link.href === undefined || (link.href.startsWith('/') && !link.href.startsWith('//') && !link.href.startsWith('/\\')), url).toBe(true);
      expect(link.href ?? '').not.toMatch(/^(javascript|data):/i);
    }
  });
});

describe('entity picker filters', () => {
  it('turns catalogFilter objects into Backstage filter parameters (lists OR, objects OR)', () => {
    expect(pickerFilters({ catalogFilter: { kind: 'Group' } })).toEqual(['kind=Group']);
    expect(pickerFilters({ catalogFilter: [{ kind: ['Group', 'User'] }, { kind: 'System', 'spec.type': 'product' }] })).toEqual(['kind=Group,kind=User', 'kind=System,spec.type=product']);
  });

  it('limits by allowedKinds, and falls back to the picker’s default kinds', () => {
    expect(pickerFilters({ allowedKinds: ['Component', 'API'] })).toEqual(['kind=Component,kind=API']);
    expect(pickerFilters({}, ['Group', 'User'])).toEqual(['kind=Group,kind=User']);
    expect(pickerFilters({})).toEqual([]);
  });
});

describe('what the form sends', () => {
  const parameters = [
    { title: 'About', required: ['name'], properties: { name: { type: 'string' }, token: { type: 'string', 'ui:field': 'Secret' }, pw: { type: 'string', 'ui:widget': 'password' } } },
    {
      title: 'Publish',
      properties: { publish: { type: 'string', enum: ['local', 'github'] } },
      dependencies: { publish: { oneOf: [{ properties: { publish: { enum: ['local'] } } }, { properties: { publish: { enum: ['github'] }, repoUrl: { type: 'string' } } }] } },
    },
    { title: 'GitHub', when: "${{ parameters.publish == 'github' }}", properties: { visibility: { type: 'string' } } },
  ];

  it('moves secret fields to secrets and drops fields no longer shown', () => {
    const values = { name: 'svc', token: 't0k', pw: 'hunter2', publish: 'local', repoUrl: 'github.com?owner=a&repo=b', visibility: 'public' };
    expect(taskRequest(parameters, values)).toEqual({ values: { name: 'svc', publish: 'local' }, secrets: { token: 't0k', pw: 'hunter2' } });
    expect(taskRequest(parameters, { ...values, publish: 'github' }).values).toEqual({ name: 'svc', publish: 'github', repoUrl: 'github.com?owner=a&repo=b', visibility: 'public' });
  });

  it('rebuilds spec.parameters from the parameter-schema answer, `when` included', () => {
    const rebuilt = parametersOf({ title: 'T', steps: [{ title: 'GitHub', schema: { type: 'object', properties: { v: { type: 'string' } } }, when: '${{ x }}' } as never] });
    expect(rebuilt).toEqual([{ type: 'object', properties: { v: { type: 'string' } }, title: 'GitHub', when: '${{ x }}' }]);
  });

  it('keeps the first message per field', () => {
    expect(errorsByField([{ path: 'name', message: 'is required' }, { path: 'name', message: 'second' }, { path: '', message: 'form' }])).toEqual({ name: 'is required', '': 'form' });
  });
});

describe('RepoUrlPicker values', () => {
  it('round-trips host, owner and repo as Backstage writes them', () => {
    const value = formatRepoUrl({ host: 'github.com', owner: 'acme', repo: 'my-svc' });
    expect(value).toBe('github.com?owner=acme&repo=my-svc');
    expect(parseRepoUrl(value)).toEqual({ host: 'github.com', owner: 'acme', repo: 'my-svc' });
    expect(parseRepoUrl(undefined)).toEqual({ host: '', owner: '', repo: '' });
  });
});

describe('dry-run previews', () => {
  it('decodes text files and refuses to show binary ones', () => {
    const text = previewFile({ path: 'README.md', base64Content: Buffer.from('# Hi ✓\n').toString('base64') });
    expect(text).toMatchObject({ path: 'README.md', text: '# Hi ✓\n', size: 9, executable: false });
    const binary = previewFile({ path: 'logo.png', base64Content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]).toString('base64'), executable: true });
    expect(binary.text).toBeUndefined();
    expect(binary.executable).toBe(true);
    expect(sortFiles([{ path: 'src/b.ts' }, { path: 'README.md' }, { path: 'src/a.ts' }]).map((f) => f.path)).toEqual(['README.md', 'src/a.ts', 'src/b.ts']);
  });
});

describe('the task event stream', () => {
  /** A stand-in EventSource: records the URLs opened and lets the test deliver messages and errors. */
  class FakeSource {
    static CONNECTING = 0;
    static OPEN = 1;
    static CLOSED = 2;
    static opened: FakeSource[] = [];
    readyState = FakeSource.CONNECTING;
    onopen: (() => void) | null = null;
    onerror: (() => void) | null = null;
    onmessage: ((m: MessageEvent) => void) | null = null;
    listeners = new Map<string, (m: MessageEvent) => void>();
    constructor(readonly url: string) {
      FakeSource.opened.push(this);
    }
    addEventListener(type: string, listener: (m: MessageEvent) => void) {
      this.listeners.set(type, listener);
    }
    close() {
      this.readyState = FakeSource.CLOSED;
    }
    send(e: TaskEvent) {
      this.listeners.get(e.type)?.({ data: JSON.stringify(e) } as MessageEvent);
    }
  }

  it('resumes after the last event when the connection is lost, ignores repeats and stops at completion', async () => {
    vi.useFakeTimers();
    vi.stubGlobal('EventSource', FakeSource);
    try {
      const seen: number[] = [];
      const states: string[] = [];
      const { followTaskEvents } = await import('../../web/plugins/scaffolder/taskEventStream');
      createRoot(() => followTaskEvents('task 1', undefined, { onEvent: (e) => seen.push(e.id), onState: (s) => states.push(s) }));
      const first = FakeSource.opened.at(-1)!;
      expect(first.url).toBe('/api/scaffolder/v2/tasks/task%201/eventstream');
      first.onopen?.();
      first.send({ id: 1, taskId: 't', type: 'log', createdAt: '', body: { message: 'a' } });
      first.send({ id: 2, taskId: 't', type: 'log', createdAt: '', body: { message: 'b' } });
      // The server answered an error: the browser gave up, so the stream is reopened after event 2.
      first.readyState = FakeSource.CLOSED;
      first.onerror?.();
      expect(states.at(-1)).toBe('reconnecting');
      await vi.advanceTimersByTimeAsync(1000);
      const second = FakeSource.opened.at(-1)!;
      expect(second).not.toBe(first);
      expect(second.url).toBe('/api/scaffolder/v2/tasks/task%201/eventstream?after=2');
      second.send({ id: 2, taskId: 't', type: 'log', createdAt: '', body: { message: 'b again' } });
      second.send({ id: 3, taskId: 't', type: 'completion', createdAt: '', body: { message: 'done', status: 'completed' } });
      expect(seen).toEqual([1, 2, 3]);
      expect(second.readyState).toBe(FakeSource.CLOSED);
      expect(states.at(-1)).toBe('ended');
    } finally {
      vi.unstubAllGlobals();
      vi.useRealTimers();
    }
  });
});
