import type { APIRoute } from 'astro';
import { statisticsDownload } from '../../features/statistics/load';

export const GET: APIRoute = (context) => statisticsDownload(context, 'json');
