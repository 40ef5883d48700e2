import { useState } from 'react';
import { PeopleAdmin } from './people-page';
import type { PersonnelView } from './personnel-tools';
import { TeamsAdmin } from './teams-page';
import type { Me } from '../../../../shared/api/auth';

/** Personnel and teams: the people the forms offer (taken by, verifier, technicians) and their teams. */
export function PersonnelAdmin({ me }: { me: Me }) {
  const [view, setView] = useState<PersonnelView>('people');
  return view === 'people' ? <PeopleAdmin me={me} onView={setView} /> : <TeamsAdmin me={me} onView={setView} />;
}
