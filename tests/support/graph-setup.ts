import type { TestProject } from 'vitest/node';
import { acquireSuiteGraph } from './neo4j';

declare module 'vitest' {
  export interface ProvidedContext {
    neo4jUri: string;
    neo4jUser: string;
    neo4jPassword: string;
  }
}

/** Global setup of the graph tier: a real Neo4j, migrated and seeded with the sample. */
export default async function setup(project: TestProject) {
  const { graph, release } = await acquireSuiteGraph();
  project.provide('neo4jUri', graph.uri);
  project.provide('neo4jUser', graph.user);
  project.provide('neo4jPassword', graph.password);
  return release;
}
