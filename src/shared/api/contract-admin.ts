import { def } from './def';
import { read, write } from './permission';
import {
  periodCreateInput,
  periodUpdateInput,
  personCreateInput,
  personUpdateInput,
  seriesCreateInput,
  seriesUpdateInput,
  teamCreateInput,
  teamUpdateInput,
  userCreateInput,
  userPasswordInput,
  userUpdateInput,
  type PeriodRow,
  type PersonRow,
  type SeriesRow,
  type TeamRow,
  type UserRow,
} from './admin-schemas';
import { empty, recordRef } from './primitives';

/**
 * Administration: series, working periods, personnel and teams, users and rights (admin only;
 * the settings are settings.get / settings.update in contract.ts). Lists need read access to the
 * Administration module, every change write access; the rules are enforced by the services.
 */
export const adminMethods = {
  'admin.series.list': def<SeriesRow[]>()(empty, read('admin')),
  'admin.series.create': def<SeriesRow>()(seriesCreateInput, write('admin')),
  // The next number never goes back below a number already given ("nextNumber": at least N).
  'admin.series.update': def<SeriesRow>()(seriesUpdateInput, write('admin')),
  'admin.periods.list': def<PeriodRow[]>()(empty, read('admin')),
  // Overlapping periods are refused with issues on startDate and endDate.
  'admin.periods.create': def<PeriodRow>()(periodCreateInput, write('admin')),
  'admin.periods.update': def<PeriodRow>()(periodUpdateInput, write('admin')),
  'admin.periods.delete': def<null>()(recordRef, write('admin')),
  'admin.personnel.list': def<PersonRow[]>()(empty, read('admin')),
  'admin.personnel.create': def<PersonRow>()(personCreateInput, write('admin')),
  'admin.personnel.update': def<PersonRow>()(personUpdateInput, write('admin')),
  // Refused when the person is referenced anywhere: deactivate instead.
  'admin.personnel.delete': def<null>()(recordRef, write('admin')),
  'admin.teams.list': def<TeamRow[]>()(empty, read('admin')),
  'admin.teams.create': def<TeamRow>()(teamCreateInput, write('admin')),
  'admin.teams.update': def<TeamRow>()(teamUpdateInput, write('admin')),
  'admin.teams.delete': def<null>()(recordRef, write('admin')),
  'admin.users.list': def<UserRow[]>()(empty, read('admin')),
  'admin.users.create': def<UserRow>()(userCreateInput, write('admin')),
  // The last active administrator, and the caller's own administration right, are protected.
  'admin.users.update': def<UserRow>()(userUpdateInput, write('admin')),
  'admin.users.setPassword': def<UserRow>()(userPasswordInput, write('admin')),
};
