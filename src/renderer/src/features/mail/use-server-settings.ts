import { notifications } from '@mantine/notifications';
import { useCallback, useState, type FormEvent } from 'react';
import { toCallError } from '../../api/errors';

/** What a mail server's settings form asks of main: save (the password only when typed) and try. */
interface ServerCalls<View, Draft, Tested> {
  save(draft: Omit<Draft, 'password'> & { password?: string }): Promise<View>;
  test(): Promise<Tested>;
  /** Said when the settings were saved, and when the server answered the test. */
  saved: string;
  tested(result: Tested): string;
}

/**
 * The state of a form over one mail server's settings (the sending account, the replies mailbox):
 * the stored settings, the draft, field messages from main, and saving and testing. The password
 * is sealed by main and never comes back, so the draft's stays empty unless typed.
 */
export function useServerSettings<View, Draft extends { password: string }, Tested>(empty: Draft, draftOf: (view: View) => Draft, calls: ServerCalls<View, Draft, Tested>) {
  const [stored, setStored] = useState<View | null | undefined>(undefined);
  const [draft, setDraft] = useState<Draft>(empty);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'save' | 'test' | null>(null);
  // Given what main answered: the stored settings, and the draft when it is the first read
  // (a later read, of a watcher's state, leaves what is being typed alone).
  const loaded = useCallback(
    (v: View | null, first: boolean) => {
      setStored(v);
      if (v && first) setDraft(draftOf(v));
    },
    [draftOf],
  );
  const failed = useCallback((e: unknown) => setFormError(toCallError(e).message), []);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((x) => ({ ...x, [key]: value }));
  const save = (e: FormEvent) => {
    e.preventDefault();
    setBusy('save');
    setErrors({});
    setFormError(null);
    const { password, ...rest } = draft;
    calls
      .save({ ...rest, ...(password ? { password } : {}) })
      .then(
        (v) => {
          setStored(v);
          setDraft(draftOf(v));
          notifications.show({ color: 'teal', message: calls.saved, autoClose: 2500 });
        },
        (e: unknown) => {
          const err = toCallError(e);
          setFormError(err.message);
          setErrors(Object.fromEntries(err.issues.map((i) => [i.path.split('.')[0]!, i.message])));
        },
      )
      .finally(() => setBusy(null));
  };
  const test = () => {
    setBusy('test');
    setFormError(null);
    calls
      .test()
      .then(
        (r) => notifications.show({ color: 'teal', message: calls.tested(r), autoClose: 4000 }),
        (e: unknown) => setFormError(toCallError(e).message),
      )
      .finally(() => setBusy(null));
  };
  return { stored, draft, set, errors, formError, busy, save, test, loaded, failed };
}
