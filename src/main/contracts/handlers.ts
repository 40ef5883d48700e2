import type { contractsMethods } from '../../shared/api/contracts';
import { addDays, dayIn, occurrences } from '../../shared/domain/contract-schedule';
import { workstationZone } from '../core/clock';
import type { ServiceContext } from '../core/context';
import type { HandlerMap } from '../core/handler';
import { createContract, deleteContract, setContractActive, updateContract } from './commands';
import type { ContractJobs } from './jobs';
import { contractPreviews, getContract, listContracts } from './queries';

const today = (s: ServiceContext) => dayIn(s.now(), workstationZone());

/** The handlers of shared/api/contracts.ts (the dispatcher checked the calendar right). A save runs a generator round at once. */
export const contractsHandlers = (jobs: ContractJobs): HandlerMap<keyof typeof contractsMethods> => {
  const problemOf = (id: string) => jobs.problem(id);
  return {
    'contracts.list': (input, { ctx, me }) => listContracts(ctx, me!.language, today(ctx), problemOf, input.clientId),
    'contracts.get': (input, { ctx, me }) => getContract(ctx, input.id, me!.language, today(ctx), problemOf),
    'contracts.create': (input, { ctx, me, actor }) => {
      const id = createContract(ctx, actor, input, today(ctx));
      jobs.round();
      return getContract(ctx, id, me!.language, today(ctx), problemOf);
    },
    'contracts.update': ({ id, version, ...patch }, { ctx, me, actor }) => {
      updateContract(ctx, actor, id, version, patch);
      jobs.round();
      return getContract(ctx, id, me!.language, today(ctx), problemOf);
    },
    'contracts.setActive': (input, { ctx, me, actor }) => {
      setContractActive(ctx, actor, input.id, input.version, input.active, today(ctx));
      jobs.round();
      return getContract(ctx, input.id, me!.language, today(ctx), problemOf);
    },
    'contracts.delete': (input, { ctx, actor }) => deleteContract(ctx, actor, input.id, input.version),
    'contracts.preview': (input, { ctx }) => contractPreviews(ctx, input.from, input.to, workstationZone()),
    'contracts.occurrences': (input, { ctx }) => {
      const from = today(ctx) > input.startDate ? today(ctx) : input.startDate;
      // Enough days for `count` yearly visits, cut to the count.
      return occurrences({ rule: input.rule, startDate: input.startDate, endDate: input.endDate }, from, addDays(from, 366 * input.count)).slice(0, input.count);
    },
  };
};
