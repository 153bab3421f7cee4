import { Hono, type Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../env';
import { ConflictError, InputError } from '../lib/errors';

/**
 * Creating the GitHub App with GitHub's app-manifest flow: `GET /setup` shows a form that posts
 * a manifest (permissions, events, webhook URL) to GitHub; GitHub creates the App and sends the
 * admin back to `GET /setup/callback`, which exchanges the one-time code for the App's id,
 * private key and webhook secret and shows the commands that store them as Worker secrets.
 * Pages carry no script, escape everything they print, and are refused framing.
 */

const STATE_COOKIE = 'greenroom_github_setup';
const STATE_MAX_AGE_S = 60 * 60;

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string);

function page(c: Context<AppEnv>, title: string, body: string, formAction?: string): Response {
  c.header('content-security-policy', `default-src 'none'; form-action ${formAction ?? "'none'"}; frame-ancestors 'none'; base-uri 'none'`);
  c.header('cache-control', 'no-store');
  c.header('referrer-policy', 'no-referrer');
  c.header('x-content-type-options', 'nosniff');
  return c.html(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`);
}

/** The manifest GitHub creates the App from: read-only access to code and members, the events the catalog needs. */
function appManifest(origin: string, name: string): Record<string, unknown> {
  return {
    name,
    url: origin,
    hook_attributes: { url: `${origin}/api/github/webhook`, active: true },
    redirect_url: `${origin}/api/github/setup/callback`,
    public: false,
    default_permissions: { contents: 'read', metadata: 'read', members: 'read' },
    // installation and installation_repositories are sent to every App without asking.
    default_events: ['push', 'repository', 'organization', 'membership', 'team'],
  };
}

const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;

/** The manifest-flow pages. */
export const setupRoutes = new Hono<AppEnv>()
  .get('/setup', (c) => {
    const { app, host } = c.var.config.github;
    if (app) {
      return page(c, 'GitHub App configured', `<p>This portal already uses GitHub App ${escapeHtml(app.id)} on ${escapeHtml(host)}. Install it on more organisations from the App's settings on GitHub.</p>`);
    }
    const org = c.req.query('org') ?? '';
    if (org && !LOGIN.test(org)) throw new InputError('org must be a GitHub organisation login');
    const origin = new URL(c.req.url).origin;
    const state = crypto.randomUUID();
    setCookie(c, STATE_COOKIE, state, { httpOnly: true, secure: true, sameSite: 'Lax', path: '/api/github/setup', maxAge: STATE_MAX_AGE_S });
    const web = `https://${host}`;
    const action = `${web}${org ? `/organizations/${encodeURIComponent(org)}` : ''}/settings/apps/new?state=${encodeURIComponent(state)}`;
    const manifest = JSON.stringify(appManifest(origin, c.req.query('name') || 'Greenroom'));
    return page(
      c,
      'Create the GitHub App for Greenroom',
      `<p>GitHub will create a private App ${org ? `owned by the organisation <strong>${escapeHtml(org)}</strong>` : 'owned by your account'} on ${escapeHtml(host)}
with read access to code, metadata and members, sending webhooks to <code>${escapeHtml(`${origin}/api/github/webhook`)}</code>.
To create it for an organisation, open this page with <code>?org=&lt;login&gt;</code>.</p>
<form method="post" action="${escapeHtml(action)}"><input type="hidden" name="manifest" value="${escapeHtml(manifest)}"><button type="submit">Create GitHub App</button></form>`,
      web,
    );
  })
  .get('/setup/callback', async (c) => {
    const { app, apiUrl } = c.var.config.github;
    if (app) throw new ConflictError('The GitHub App is already configured');
    const code = c.req.query('code') ?? '';
    const state = c.req.query('state');
    if (!state || state !== getCookie(c, STATE_COOKIE)) throw new InputError('The setup state does not match; start again from /api/github/setup');
    if (!/^[0-9A-Za-z_-]{1,100}$/.test(code)) throw new InputError('Missing or malformed code');
    const res = await fetch(`${apiUrl}/app-manifests/${code}/conversions`, {
      method: 'POST',
      headers: { accept: 'application/vnd.github+json', 'user-agent': 'greenroom', 'x-github-api-version': '2022-11-28' },
      redirect: 'manual',
    });
    if (res.status !== 201) {
      await res.body?.cancel();
      throw new InputError(`GitHub refused the code (HTTP ${res.status}); codes work once, within an hour`);
    }
    const created = (await res.json()) as { id: number; slug?: string; html_url?: string; pem: string; webhook_secret?: string | null };
    setCookie(c, STATE_COOKIE, '', { httpOnly: true, secure: true, sameSite: 'Lax', path: '/api/github/setup', maxAge: 0 });
    const secrets = [
      ['GITHUB_APP_ID', String(created.id)],
      ['GITHUB_APP_PRIVATE_KEY', created.pem],
      ['GITHUB_WEBHOOK_SECRET', created.webhook_secret ?? ''],
    ];
    const blocks = secrets
      .map(([name, value]) => `<h2>${escapeHtml(name as string)}</h2><pre>${escapeHtml(value as string)}</pre>`)
      .join('');
    return page(
      c,
      'GitHub App created',
      `<p>GitHub created the App <a href="${escapeHtml(created.html_url ?? '')}">${escapeHtml(created.slug ?? String(created.id))}</a>. This page shows its private key and webhook secret once: store them now.</p>
<p>In production, run each and paste the value: <code>npx wrangler secret put GITHUB_APP_ID</code>, <code>… GITHUB_APP_PRIVATE_KEY</code>, <code>… GITHUB_WEBHOOK_SECRET</code>.
Locally, put them in <code>.dev.vars</code> (the key on one line with <code>\\n</code> for line breaks, or quoted over several lines) and restart.
Then install the App on your organisations from its page on GitHub; discovery starts by itself.</p>${blocks}`,
    );
  });
