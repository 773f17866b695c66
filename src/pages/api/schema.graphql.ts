import type { APIRoute } from 'astro';
import sdl from '../../api/schema.graphql?raw';

/** The printed schema (npm run schema:print), for analysts' tools and the API page's link. */
export const GET: APIRoute = () =>
  new Response(sdl, {
    status: 200,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'access-control-allow-origin': '*' },
  });
