import pg from 'pg';
import { inject } from 'vitest';
import { migrateStore } from '../../src/main/sync/store-admin';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The owner's URL of the run's PostgreSQL (test/setup/postgres.ts). */
    pgOwnerUrl: string;
  }
}

/**
 * A store of its own for a test file: a new database in the run's cluster (or the cluster
 * `clusterUrl` names), migrated.
 */
export async function tempStore(
  clusterUrl?: string,
): Promise<{ ownerUrl: string; url: string; urlFor: (login: string, password: string) => string; dispose(): Promise<void> }> {
  const base = new URL(clusterUrl ?? inject('pgOwnerUrl'));
  const name = `cc_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: base.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const owner = new URL(base);
  owner.pathname = `/${name}`;
  await migrateStore(owner.toString());
  return {
    ownerUrl: owner.toString(),
    // As an administrator types it to join: no login in it.
    url: Object.assign(new URL(owner), { username: '', password: '' }).toString(),
    urlFor: (login, password) => {
      const u = new URL(owner);
      u.username = `cc_u_${login.toLowerCase()}`;
      u.password = password;
      return u.toString();
    },
    async dispose() {
      const c = new pg.Client({ connectionString: base.toString() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
