import { openRaw, wrap } from '../../src/main/db/connection';
import { WriteGate } from '../../src/main/core/write-gate';
import { EventBus } from '../../src/main/core/events';
import type { ServiceContext } from '../../src/main/core/context';
import { generateDue } from '../../src/main/contracts/generator';

/*
 * A second workstation process on the same database file, for the generator's race test
 * (test/integration/contracts.test.ts): runs the generator at each instant given and prints how
 * many interventions it made. Usage: tsx contract-generator-process.ts DB ZONE INSTANT...
 */

const [dbPath, zone, ...instants] = process.argv.slice(2);
const raw = openRaw(dbPath!);
let at = 0;
const s = { db: wrap(raw), raw, events: new EventBus(), now: () => at, auditLevel: () => 'basic', reads: null as never, writes: new WriteGate(raw) } as ServiceContext;
let made = 0;
for (const instant of instants) {
  at = Date.parse(instant);
  const round = generateDue(s, at, zone!);
  if (round.failures.length) throw new Error(round.failures[0]!.message);
  made += round.created;
}
raw.close();
process.stdout.write(`${made}\n`);
