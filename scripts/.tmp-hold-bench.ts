import { benchGraph } from './bench/graph';
const graph = await benchGraph(10000);
console.log(graph.connection.uri);
process.on('SIGTERM', async () => { await graph.stop(); process.exit(0); });
setInterval(() => {}, 1 << 30);
