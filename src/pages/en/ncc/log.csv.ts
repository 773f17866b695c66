import type { APIRoute } from 'astro';
import { logExport } from '../../../features/audit/routes';

export const GET: APIRoute = (context) => logExport(context);
