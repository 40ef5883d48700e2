import { parseArgs } from 'node:util';
import { createStoreUser, migrateStore } from './store-admin';
import { seedStore } from './store-seed';

/*
 * The store owner's command: `npm run db:migrate -- --pg URL [--seed FILE] [--admin LOGIN]`.
 * Applies the shared store's migrations with the owner's URL (never kept by any workstation);
 * with --seed, fills a new store from a workstation's database file (sync/store-seed.ts); with
 * --admin, makes the store's first administrator (or gives a seeded user a store login), whose
 * password comes from CC_STORE_PASSWORD (not the command line, which other users of the machine
 * can see).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { pg: { type: 'string' }, seed: { type: 'string' }, admin: { type: 'string' } } });
  if (!values.pg) {
    console.error('Usage: npm run db:migrate -- --pg postgres://OWNER:PASSWORD@HOST:PORT/DATABASE [--seed WORKSTATION.sqlite] [--admin LOGIN]  (the admin password from CC_STORE_PASSWORD)');
    process.exit(2);
  }
  const done = await migrateStore(values.pg);
  console.log(`The store is at schema step ${done.step} (${done.tag}).`);
  if (values.seed) {
    const started = performance.now();
    const counts = await seedStore(values.pg, values.seed, (table, n) => console.log(`  ${table}: ${n.toLocaleString('en')} rows`));
    const rows = Object.values(counts).reduce((a, b) => a + b, 0);
    console.log(`Filled from ${values.seed}: ${rows.toLocaleString('en')} rows in ${((performance.now() - started) / 1000).toFixed(1)} s. Users log in to the store once they have a store login (--admin, or a password set in Administration).`);
  }
  if (values.admin) {
    const password = process.env.CC_STORE_PASSWORD;
    if (!password) {
      console.error("Set CC_STORE_PASSWORD to the new administrator's password.");
      process.exit(2);
    }
    await createStoreUser(values.pg, values.admin, password, 'admin');
    console.log(`${values.admin} can log in to the store; workstations join it from Administration.`);
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
