import { readFileSync } from 'node:fs';

/**
 * What holds a process's memory, from a V8 heap snapshot (.heapsnapshot) of any size: bytes by
 * kind of node and by constructor, and for the largest kinds the paths that retain them (one
 * retainer per node, three steps up), so "strings: 165 MB" becomes "held by the search index's
 * documents". DevTools shows the same, but only by hand and only for snapshots that fit its tab.
 *
 * The file is read as bytes and its number arrays are scanned without JSON.parse, which cannot
 * take a string over 512 MiB.
 */
export function summariseHeapSnapshot(file: string, { top = 15 } = {}): string {
  const bytes = readFileSync(file);
  const find = (needle: string) => bytes.indexOf(Buffer.from(needle));
  const nodesAt = find('"nodes":[');
  const meta = JSON.parse(`${bytes.subarray(0, nodesAt).toString('utf8').replace(/,\s*$/, '')}}`).snapshot.meta as {
    node_fields: string[];
    node_types: [string[]];
    edge_fields: string[];
    edge_types: [string[]];
  };
  const numbers = (from: number): Float64Array => {
    const out: number[] = [];
    let value = 0;
    let inNumber = false;
    for (let at = from; at < bytes.length; at += 1) {
      const byte = bytes[at] as number;
      if (byte >= 48 && byte <= 57) {
        value = value * 10 + (byte - 48);
        inNumber = true;
      } else {
        if (inNumber) out.push(value);
        value = 0;
        inNumber = false;
        if (byte === 93) break;
      }
    }
    return Float64Array.from(out);
  };
  const nodes = numbers(nodesAt + 9);
  const edges = numbers(find('"edges":[') + 9);
  const stringsAt = find('"strings":[');
  const strings = JSON.parse(
    bytes
      .subarray(stringsAt + 10, bytes.lastIndexOf(Buffer.from(']')) + 1)
      .toString('utf8')
      .replace(/\][^\]]*$/, ']'),
  ) as string[];

  const F = meta.node_fields.length;
  const E = meta.edge_fields.length;
  const [nodeTypes] = meta.node_types;
  const [edgeTypes] = meta.edge_types;
  const TYPE = meta.node_fields.indexOf('type');
  const NAME = meta.node_fields.indexOf('name');
  const SIZE = meta.node_fields.indexOf('self_size');
  const EDGES = meta.node_fields.indexOf('edge_count');
  const count = nodes.length / F;
  const typeOf = (node: number) => nodeTypes[nodes[node * F + TYPE] as number] as string;
  const sizeOf = (node: number) => nodes[node * F + SIZE] as number;
  const label = (node: number) => {
    const type = typeOf(node);
    return type.includes('string') ? type : `${type} ${String(strings[nodes[node * F + NAME] as number]).slice(0, 40)}`;
  };

  // The first strong retainer of every node, and the edge it holds it by.
  const parent = new Int32Array(count).fill(-1);
  const viaEdge = new Int32Array(count).fill(-1);
  let edge = 0;
  for (let node = 0; node < count; node += 1) {
    const edgeCount = nodes[node * F + EDGES] as number;
    for (let k = 0; k < edgeCount; k += 1, edge += E) {
      const type = edgeTypes[edges[edge] as number];
      if (type === 'weak' || type === 'shortcut') continue;
      const to = (edges[edge + 2] as number) / F;
      if (parent[to] === -1) {
        parent[to] = node;
        viaEdge[to] = edge;
      }
    }
  }
  const edgeLabel = (at: number) => {
    const type = edgeTypes[edges[at] as number];
    if (type === 'element' || type === 'hidden') return `[${type}]`;
    return `.${String(strings[edges[at + 1] as number])
      .slice(0, 30)
      .replace(/\d+/g, 'N')}`;
  };

  const byType = new Map<string, number>();
  const byConstructor = new Map<string, number>();
  const byOwner = new Map<string, Map<string, number>>();
  let total = 0;
  for (let node = 0; node < count; node += 1) {
    const type = typeOf(node);
    const size = sizeOf(node);
    total += size;
    byType.set(type, (byType.get(type) ?? 0) + size);
    const key = label(node);
    byConstructor.set(key, (byConstructor.get(key) ?? 0) + size);
    const path: string[] = [];
    for (let at = node, step = 0; step < 3 && parent[at] !== -1; step += 1) {
      path.push(`${edgeLabel(viaEdge[at] as number)} ← ${label(parent[at] as number)}`);
      at = parent[at] as number;
    }
    const owners = byOwner.get(type) ?? new Map<string, number>();
    const owner = path.join(' ← ') || '(root)';
    owners.set(owner, (owners.get(owner) ?? 0) + size);
    byOwner.set(type, owners);
  }

  const mib = (value: number) => `${(value / 2 ** 20).toFixed(1).padStart(7)} MiB`;
  const largest = <K>(map: Map<K, number>, n: number) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n);
  const lines = [`heap snapshot: ${count} nodes, ${mib(total)} in all`, 'by kind:'];
  for (const [type, size] of largest(byType, 8)) lines.push(`  ${mib(size)}  ${type}`);
  lines.push('by constructor:');
  for (const [key, size] of largest(byConstructor, top)) lines.push(`  ${mib(size)}  ${key}`);
  for (const [type] of largest(byType, 3)) {
    lines.push(`what holds the ${type} nodes (first retainer, three steps up):`);
    for (const [path, size] of largest(byOwner.get(type) ?? new Map(), 6)) lines.push(`  ${mib(size)}  ${path}`);
  }
  return lines.join('\n');
}
