import type { APIRoute } from 'astro';
import { dashboardExport } from '../../../features/analytics/routes';

export const GET: APIRoute = (context) => dashboardExport('csv')(context);
