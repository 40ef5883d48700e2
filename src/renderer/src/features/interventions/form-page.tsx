import { Alert, Button, Center, Loader, Stack } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { allows } from '../../../../shared/domain/permissions';
import { useApi } from '../../api/context';
import { toCallError } from '../../api/errors';
import { InterventionForm } from './intervention-form';
import type { InterventionLookups } from '../../../../shared/api/interventions';
import type { Me } from '../../../../shared/api/auth';

/** Leaves the form window: closes it when a script opened it, otherwise goes to the app. */
function leave() {
  window.close();
  // A window the user opened by hand cannot be closed by script: show the app there instead.
  setTimeout(() => {
    if (!window.closed) window.location.assign('/');
  }, 150);
}

/** The page of a form window (?intervention=<id>): only the form, full page, for the logged-in user. */
export function InterventionFormPage({ me, id }: { me: Me; id: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const [lookups, setLookups] = useState<InterventionLookups | null>(null);
  const [error, setError] = useState<string | null>(null);

  const { i18n } = useTranslation();
  // Again when the language changes: request types are named in it.
  useEffect(() => {
    api.call('interventions.lookups', {}).then(setLookups, (e: unknown) => setError(toCallError(e).message));
  }, [api, i18n.language]);

  useEffect(() => {
    const before = document.title;
    document.title = `${t('interventionForm.title')} · ${t('app.name')}`;
    return () => {
      document.title = before;
    };
  }, [t]);

  if (!id || error) {
    return (
      <Center h="100vh">
        <Stack align="center" gap="sm">
          <Alert color="red" data-testid="ivf-page-error">
            {id ? error : t('interventionForm.pageInvalid')}
          </Alert>
          <Button size="xs" variant="default" onClick={leave}>
            {t('common.close')}
          </Button>
        </Stack>
      </Center>
    );
  }
  if (!lookups) {
    return (
      <Center h="100vh" data-testid="ivf-page-loading">
        <Loader size="sm" />
      </Center>
    );
  }
  return <InterventionForm variant="page" interventionId={id} lookups={lookups} personId={me.personId} canWrite={allows(me.rights, 'interventions', 'write')} canAddRequestTypes={allows(me.rights, 'admin', 'write')} onClose={leave} />;
}
