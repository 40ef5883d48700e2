import type { TestProject } from 'vitest/node';
import { startCluster } from '../support/pg-cluster';

/*
 * A throwaway PostgreSQL cluster for the whole test run (test/support/pg-cluster.ts), or the
 * server DATABASE_URL names. Its owner's URL is given to the tests as `pgOwnerUrl`; each test
 * file makes a database of its own in it (test/support/store.ts).
 */

export default async function setup(project: TestProject): Promise<() => void> {
  if (process.env.DATABASE_URL) {
    project.provide('pgOwnerUrl', process.env.DATABASE_URL);
    return () => {};
  }
  const cluster = await startCluster();
  project.provide('pgOwnerUrl', cluster.ownerUrl);
  return cluster.stop;
}
