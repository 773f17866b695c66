import type { APIRoute } from 'astro';
import { myDataDownload } from '../../../features/my-data/load';

export const GET: APIRoute = (context) => myDataDownload(context);
