import { useHotkeys, type HotkeyItem } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../../shared/api/auth';
import type { ScreenPop, SipConnection } from '../../../../shared/api/calls';
import type { InterventionLookups } from '../../../../shared/api/interventions';
import { allows } from '../../../../shared/domain/permissions';
import { useApi } from '../../api/context';
import { toCallError } from '../../api/errors';
import { InterventionFormSlot, QuickClientSlot } from '../../kit/slots';
import { Phone, type CallView, type PhoneState } from './phone';
import { CallRecorder } from './recorder';
import { useRecorderState } from './recording-badge';
import { Ringer } from './ring';
import { SoftphoneDock } from './softphone-dock';
import { onOpenSoftphone, setSipStatus } from './sip-status';
import { onDialRequest } from '../../kit/dial';

/** A phone that does nothing: the state shown before an account is set up. */
const IDLE: PhoneState = { registration: 'stopped', refusal: null, doNotDisturb: false, call: null, consult: null, stats: null, lastToneIn: null };
const noPhone = { subscribe: () => () => undefined, getState: () => IDLE };

export interface LoggedCall {
  /** The call log's id (main's). */
  id: string;
  pop: ScreenPop | null;
}

/**
 * The softphone engine, mounted for the whole session (the shell's keep-alive slot) so a call
 * survives switching modules: it registers the user's SIP account, logs each call in main as it
 * happens, pops the caller's client card, and opens a new intervention prefilled from the call.
 */
export function SoftphoneEngine({ me }: { me: Me }) {
  return allows(me.rights, 'calls', 'read') ? <Softphone me={me} /> : null;
}

function Softphone({ me }: { me: Me }) {
  const api = useApi();
  const { t } = useTranslation();
  const audioRef = useRef<HTMLAudioElement>(null);
  const [phone, setPhone] = useState<Phone | null>(null);
  const [connection, setConnection] = useState<SipConnection | null | 'loading'>('loading');
  const [version, setVersion] = useState(0);
  const [open, setOpen] = useState(false);
  const [logged, setLogged] = useState<LoggedCall | null>(null);
  const [form, setForm] = useState<{ lookups: InterventionLookups | null; clientId: string; contactPersonId: string | null; callId: string } | null>(null);
  const [quickClient, setQuickClient] = useState<{ number: string; country: string; callId: string } | null>(null);
  const formOpen = useRef(false);
  useEffect(() => {
    formOpen.current = form !== null || quickClient !== null;
  }, [form, quickClient]);
  const [ringer] = useState(() => new Ringer());
  const loggedRef = useRef<LoggedCall | null>(null);
  useEffect(() => {
    loggedRef.current = logged;
  }, [logged]);
  const state = useSyncExternalStore(phone?.subscribe ?? noPhone.subscribe, phone?.getState ?? noPhone.getState);

  // The account: loaded at login and again when it is saved.
  useEffect(() => {
    let live = true;
    api.call('calls.account.connect', {}).then(
      (c) => live && setConnection(c),
      (e: unknown) => {
        if (!live) return;
        setConnection(null);
        notifications.show({ color: 'red', message: toCallError(e).message });
      },
    );
    return () => {
      live = false;
    };
  }, [api, version]);

  const begin = useCallback(
    (call: CallView) => {
      // Logged by main with its clock; the pop comes back with the id.
      const pending = api.call('calls.begin', { direction: call.direction, number: call.number, sipCallId: call.key }).then(
        ({ id, pop }) => {
          const entry = { id, pop };
          setLogged(entry);
          return entry;
        },
        (e: unknown) => {
          notifications.show({ color: 'red', message: t('calls.logFailed', { reason: toCallError(e).message }) });
          return null;
        },
      );
      beginning.current = pending;
    },
    [api, t],
  );
  const beginning = useRef<Promise<LoggedCall | null>>(Promise.resolve(null));
  /** The current call's recorder, from the moment it was asked for (the call may end before it starts). */
  const recording = useRef<Promise<CallRecorder | null> | null>(null);
  const [recorder, setRecorder] = useState<CallRecorder | null>(null);

  useEffect(() => {
    if (!connection || connection === 'loading' || !audioRef.current) return;
    const p = new Phone(connection, {
      onIncoming: (call) => {
        begin(call);
        if (call.direction === 'in' && call.phase === 'ringing') {
          ringer.start();
          setOpen(true);
        }
      },
      onAnswered: () => {
        ringer.stop();
        // Answered in the log first: main records only a call under way.
        const pending = beginning.current.then(async (entry) => {
          if (!entry) return null;
          await api.call('calls.progress', { id: entry.id, event: 'answered' }).catch(() => undefined);
          const media = p.media();
          if (!media) return null;
          return CallRecorder.start(api, entry.id, media.local, media.remote).catch((e: unknown) => {
            notifications.show({ color: 'red', message: t('calls.recording.failed', { reason: toCallError(e).message }) });
            return null;
          });
        });
        recording.current = pending;
        void pending.then((r) => {
          if (r && recording.current === pending) setRecorder(r);
        });
      },
      onEnded: (_call, outcome) => {
        ringer.stop();
        const pending = recording.current;
        recording.current = null;
        void pending?.then((r) =>
          r?.finish().then(
            () => setRecorder((current) => (current === r ? null : current)),
            (e: unknown) => notifications.show({ color: 'red', message: t('calls.recording.failed', { reason: toCallError(e).message }) }),
          ),
        );
        void beginning.current.then((entry) => entry && api.call('calls.progress', { id: entry.id, event: 'ended', outcome }).catch(() => undefined));
      },
    }, audioRef.current);
    setPhone(p);
    p.start().catch((e: unknown) => notifications.show({ color: 'red', message: t('calls.connectFailed', { reason: e instanceof Error ? e.message : String(e) }) }));
    return () => {
      ringer.stop();
      void p.stop();
      setPhone(null);
    };
  }, [connection, begin, api, t, ringer]);

  // "Call back" from the call log, and any number clicked to call.
  useEffect(
    () =>
      onDialRequest((number) => {
        setOpen(true);
        void phone?.dial(number);
      }),
    [phone],
  );

  const configured = connection !== null && connection !== 'loading';
  const recorderState = useRecorderState(recorder);
  const recordingShown = recorderState?.phase === 'recording' || recorderState?.phase === 'paused' ? recorderState.phase : null;
  useEffect(
    () => setSipStatus({ state: configured ? state.registration : 'unconfigured', refusal: state.refusal, recording: recordingShown }),
    [configured, state.registration, state.refusal, recordingShown],
  );
  useEffect(() => onOpenSoftphone(() => setOpen(true)), []);
  useEffect(() => () => setSipStatus(null), []);

  const call = state.call;
  const canWriteInterventions = allows(me.rights, 'interventions', 'write');

  /** A new intervention for the caller: the form over whatever shows, prefilled. */
  const newIntervention = useCallback(async () => {
    const entry = loggedRef.current;
    // One form per call: F2 again while it is open does nothing.
    if (!entry || !canWriteInterventions || formOpen.current) return;
    if (!entry.pop?.client) {
      // The new client's country is the number's (a Portuguese caller on a Romanian desk).
      setQuickClient({ number: entry.pop?.e164 ?? entry.pop?.number ?? '', country: entry.pop?.country ?? 'RO', callId: entry.id });
      return;
    }
    const lookups = await api.call('interventions.lookups', {}).catch(() => null);
    setForm({ lookups, clientId: entry.pop.client.id, contactPersonId: entry.pop.contact?.id ?? null, callId: entry.id });
  }, [api, canWriteInterventions]);

  // The form does not follow the phone: the call's state changes every second (its counters),
  // and the form must not re-render under the operator's typing for that.
  const personId = me.personId;
  const formElement = useMemo(
    () =>
      form && (
        <InterventionFormSlot
          interventionId={null}
          lookups={form.lookups}
          personId={personId}
          canWrite={canWriteInterventions}
          prefill={{ clientId: form.clientId, contactPersonId: form.contactPersonId }}
          onClose={(savedId) => {
            setForm(null);
            if (savedId) void api.call('calls.link', { id: form.callId, interventionId: savedId }).catch(() => undefined);
          }}
        />
      ),
    [form, personId, canWriteInterventions, api],
  );

  const keys: HotkeyItem[] = [
    ['F8', () => (call?.phase === 'ringing' ? void phone?.answer() : setOpen(true))],
    ['F9', () => void phone?.hangUp()],
    ['F4', () => void phone?.toggleHold()],
    ['shift+F4', () => phone?.toggleMute()],
    ['F2', () => void newIntervention()],
    ['shift+F9', () => phone?.setDoNotDisturb(!state.doNotDisturb)],
    ['F7', () => void recorder?.togglePause().catch((e: unknown) => notifications.show({ color: 'red', message: toCallError(e).message }))],
  ];
  // Softphone keys work everywhere, also while typing in a field (none of them types a character).
  useHotkeys(keys, []);

  return (
    <>
      {/* The other side's voice; also what the recorder hears (WebAudio hears a remote track only through an element). */}
      <audio ref={audioRef} autoPlay data-testid="softphone-audio" />
      <SoftphoneDock
        me={me}
        phone={phone}
        state={state}
        configured={configured}
        open={open}
        onOpenChange={setOpen}
        logged={logged}
        recorder={recorder}
        onNewIntervention={() => void newIntervention()}
        onAccountSaved={() => setVersion((v) => v + 1)}
        canWriteInterventions={canWriteInterventions}
      />
      {formElement}
      {quickClient && (
        <QuickClientSlot
          opened
          search={quickClient.number}
          country={quickClient.country}
          onClose={() => setQuickClient(null)}
          onPicked={(client) => {
            const callId = quickClient.callId;
            setQuickClient(null);
            // The log names the caller from now on, whether or not an intervention follows.
            void api.call('calls.client', { id: callId, clientId: client.id }).catch((e: unknown) => notifications.show({ color: 'red', message: t('calls.logFailed', { reason: toCallError(e).message }) }));
            // The card shows the client as main now finds it by the number (the new one, or the one chosen).
            const number = quickClient.number;
            if (number) void api.call('calls.lookup', { number }).then((pop) => setLogged((l) => (l && l.id === callId ? { ...l, pop } : l)), () => undefined);
            void api.call('interventions.lookups', {}).catch(() => null).then((lookups) => setForm({ lookups, clientId: client.id, contactPersonId: null, callId }));
          }}
        />
      )}
    </>
  );
}
