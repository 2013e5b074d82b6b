// The throughput and startup baseline: the least a Fastify 5 server can do on this machine. Plain JavaScript,
// run by node as the compiled gateway is.
import Fastify from 'fastify';

const app = Fastify();
app.get('/', async () => ({ hello: 'world' }));
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 4660) });
