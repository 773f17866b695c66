import * as now from '../graph/analytics/supply';
console.log((now as any)[process.argv[2] as string]);
