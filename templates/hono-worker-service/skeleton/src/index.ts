import { Hono } from 'hono';

type Bindings = { SERVICE_NAME: string };

const app = new Hono<{ Bindings: Bindings }>();

app.get('/health', (c) => c.json({ status: 'ok', service: c.env.SERVICE_NAME }));

app.get('/hello/:name', (c) => c.json({ message: `Hello, ${c.req.param('name')}!` }));

app.notFound((c) => c.json({ error: { name: 'NotFoundError', message: `No route for ${c.req.path}` } }, 404));

export default app;
