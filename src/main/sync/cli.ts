import { parseArgs } from 'node:util';
import { createStoreUser, migrateStore } from './store-admin';

/*
 * The store owner's command: `npm run db:migrate -- --pg URL [--admin LOGIN]`. Applies the
 * shared store's migrations with the owner's URL (never kept by any workstation) and, with
 * --admin, makes the store's first administrator, whose password comes from CC_STORE_PASSWORD
 * (not the command line, which other users of the machine can see).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { pg: { type: 'string' }, admin: { type: 'string' } } });
  if (!values.pg) {
    console.error('Usage: npm run db:migrate -- --pg postgres://OWNER:PASSWORD@HOST:PORT/DATABASE [--admin LOGIN]  (the admin password from CC_STORE_PASSWORD)');
    process.exit(2);
  }
  const done = await migrateStore(values.pg);
  console.log(`The store is at schema step ${done.step} (${done.tag}).`);
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
