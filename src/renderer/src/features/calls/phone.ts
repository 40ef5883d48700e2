import { Invitation, SessionState, SIPExtension, Web, type Inviter, type Session } from 'sip.js';
import { sipDomain, type SipConnection } from '../../../../shared/api/calls';
import { SnapshotStore } from '../../kit/snapshot-store';

/*
 * The softphone's engine outside React: sip.js's SessionManager (registration, reconnection,
 * hold, mute, DTMF, transfer) with the state a screen needs, as one snapshot that changes by
 * replacement (useSyncExternalStore). One call at a time, plus a consultation call during an
 * attended transfer; a second incoming call while busy is answered "busy here" by the server's
 * rules for this account (486).
 */

export type Registration = 'connecting' | 'registered' | 'refused' | 'disconnected' | 'stopped';

export interface CallView {
  /** The call's id in sip.js (not the log's). */
  key: string;
  direction: 'in' | 'out';
  /** The other side's number as its SIP user (caller ID), and its display name if it sent one. */
  number: string;
  name: string | null;
  phase: 'ringing' | 'dialling' | 'talking' | 'ended';
  held: boolean;
  muted: boolean;
  /** Epoch ms: when it was answered (the duration counts from there). */
  answeredAt: number | null;
  /** Why it ended when it did not end normally (busy, declined, no answer, failed). */
  endReason: string | null;
}

interface MediaStats {
  /** RTP packets received and sent on the call's audio. */
  packetsIn: number;
  packetsOut: number;
  /** The selected ICE pair's local and remote addresses ("127.0.0.1"). */
  localAddress: string | null;
  remoteAddress: string | null;
}

export interface PhoneState {
  registration: Registration;
  /** The server's answer when registration was refused (wrong password: 401/403). */
  refusal: string | null;
  doNotDisturb: boolean;
  call: CallView | null;
  /** The consultation call of an attended transfer, beside the held first one. */
  consult: CallView | null;
  stats: MediaStats | null;
  /** The last keypad tone the other side sent (an IVR, a colleague), for the operator to see. */
  lastToneIn: string | null;
}

export interface PhoneEvents {
  /** A call rings here (not while on do-not-disturb or busy). */
  onIncoming(call: CallView): void;
  /** A call was answered (either side) or ended: the engine logs it. */
  onAnswered(call: CallView): void;
  onEnded(call: CallView, outcome: 'answered' | 'missed' | 'rejected' | 'failed' | 'transferred'): void;
}

const INITIAL: PhoneState = { registration: 'stopped', refusal: null, doNotDisturb: false, call: null, consult: null, stats: null, lastToneIn: null };

export class Phone extends SnapshotStore<PhoneState> {
  private manager: Web.SessionManager | null = null;
  private session: Session | null = null;
  private consultSession: Session | null = null;
  /** Set when this side ended the call on purpose, to tell "rejected" and "transferred" from a hang-up. */
  private ending: 'rejected' | 'transferred' | null = null;
  private statsTimer: ReturnType<typeof setInterval> | null = null;
  /** Set while this side creates a call itself, to tell it from one a transfer created (a REFER). */
  private creating = false;
  /** The account's SIP domain: numbers dialled go to <number>@domain. */
  private domain = '';

  constructor(
    private readonly conn: SipConnection,
    private readonly events: PhoneEvents,
    private readonly remoteAudio: HTMLAudioElement,
  ) {
    super(INITIAL);
  }

  private setCall(patch: Partial<CallView>, which: 'call' | 'consult' = 'call'): void {
    const current = this.state[which];
    if (current) this.set({ [which]: { ...current, ...patch } });
  }

  async start(): Promise<void> {
    const c = this.conn;
    this.domain = sipDomain(c.sipUri);
    this.manager = new Web.SessionManager(c.wsUrl, {
      aor: c.sipUri,
      maxSimultaneousSessions: 2,
      // The server may be down for minutes (a restart, the network): keep trying every 3 s.
      reconnectionAttempts: 100_000,
      reconnectionDelay: 3,
      media: { constraints: { audio: true, video: false }, remote: { audio: this.remoteAudio } },
      registererOptions: { expires: 300 },
      registererRegisterOptions: {
        requestDelegate: {
          onReject: (response) => this.set({ registration: 'refused', refusal: `${response.message.statusCode} ${response.message.reasonPhrase}` }),
        },
      },
      userAgentOptions: {
        authorizationUsername: c.authUser,
        authorizationHa1: c.ha1,
        displayName: c.displayName || undefined,
        // The target of an attended transfer takes over a call (INVITE with Replaces).
        sipExtensionReplaces: SIPExtension.Supported,
        logLevel: 'error',
        // sip.js otherwise waits for ICE gathering to finish: seconds for an unreachable STUN server.
        sessionDescriptionHandlerFactoryOptions: {
          iceGatheringTimeout: c.iceTimeoutMs,
          peerConnectionConfiguration: { iceServers: c.iceServers.map((urls) => ({ urls })) },
        },
        transportOptions: { server: c.wsUrl, connectionTimeout: 5, keepAliveInterval: 15 },
      },
      delegate: {
        onServerConnect: () => this.set({ registration: 'connecting' }),
        onServerDisconnect: () => this.set({ registration: 'disconnected' }),
        onRegistered: () => this.set({ registration: 'registered', refusal: null }),
        onUnregistered: () => {
          if (this.state.registration === 'registered') this.set({ registration: 'connecting' });
        },
        onCallCreated: (session) => this.created(session),
        onCallReceived: (session) => this.received(session),
        onCallDTMFReceived: (_session, tone) => this.set({ lastToneIn: tone }),
        onCallAnswered: (session) => this.answered(session),
        onCallHangup: (session) => this.hungUp(session),
        onCallHold: (session, held) => this.setCall({ held }, session === this.consultSession ? 'consult' : 'call'),
      },
    });
    this.set({ registration: 'connecting', refusal: null });
    await this.manager.connect();
    await this.manager.register();
  }


  async stop(): Promise<void> {
    this.stopStats();
    const m = this.manager;
    this.manager = null;
    if (!m) return;
    try {
      if (this.session) await m.hangup(this.session).catch(() => undefined);
      await m.unregister().catch(() => undefined);
      await m.disconnect();
    } finally {
      this.set({ ...INITIAL });
    }
  }

  setDoNotDisturb(on: boolean): void {
    this.set({ doNotDisturb: on });
  }

  private viewOf(session: Session, direction: 'in' | 'out', phase: CallView['phase']): CallView {
    const identity = session.remoteIdentity;
    return {
      key: session.id,
      direction,
      number: identity.uri.user ?? identity.uri.toString(),
      name: identity.displayName || null,
      phase,
      held: false,
      muted: false,
      answeredAt: null,
      endReason: null,
    };
  }

  /**
   * A call this side did not dial and did not receive: a blind or attended transfer of ours by
   * the other side (they sent us a REFER). It becomes the current call; the one it replaces is
   * logged as transferred.
   */
  private created(session: Session): void {
    if (session instanceof Invitation || this.creating || session === this.session) return;
    const previous = this.state.call;
    if (previous && previous.phase !== 'ended') this.events.onEnded(previous, 'transferred');
    this.session = session;
    this.ending = null;
    const view = this.viewOf(session, 'out', 'dialling');
    this.set({ call: view, stats: null });
    this.events.onIncoming(view);
  }

  private received(session: Session): void {
    // When the INVITE arrived, for the time to the caller's card (bench/calls).
    performance.mark('cc:invite', { detail: session.id });
    // An attended transfer to us: the caller comes in place of the colleague who consulted us
    // (INVITE with Replaces): taken at once, the replaced call ends by itself.
    if (session instanceof Invitation && session.replacee && session.replacee === this.session && this.manager) {
      const previous = this.state.call;
      if (previous) this.events.onEnded(previous, 'transferred');
      this.session = session;
      const view = this.viewOf(session, 'in', 'ringing');
      this.set({ call: view, stats: null, lastToneIn: null });
      this.events.onIncoming(view);
      void this.manager.answer(session);
      return;
    }
    // Busy or not to be disturbed: the caller hears "busy here", the call is still logged as missed.
    if (this.session || this.state.doNotDisturb) {
      if (session instanceof Invitation) void session.reject({ statusCode: 486 }).catch(() => undefined);
      const view = this.viewOf(session, 'in', 'ended');
      this.events.onIncoming(view);
      this.events.onEnded(view, 'missed');
      return;
    }
    this.session = session;
    this.ending = null;
    const view = this.viewOf(session, 'in', 'ringing');
    this.set({ call: view, lastToneIn: null });
    this.events.onIncoming(view);
  }

  private answered(session: Session): void {
    const which = session === this.consultSession ? 'consult' : 'call';
    this.setCall({ phase: 'talking', answeredAt: Date.now() }, which);
    if (which === 'call' && this.state.call) this.events.onAnswered(this.state.call);
    this.startStats();
  }

  private hungUp(session: Session): void {
    if (session === this.consultSession) {
      this.consultSession = null;
      this.set({ consult: null });
      return;
    }
    if (session !== this.session) return;
    const call = this.state.call;
    this.session = null;
    this.stopStats();
    if (!call) return;
    const outcome = this.ending ?? (call.answeredAt !== null ? 'answered' : call.direction === 'in' ? 'missed' : 'failed');
    this.ending = null;
    this.set({ call: { ...call, phase: 'ended' }, stats: null });
    this.events.onEnded(call, outcome);
  }

  /** Answers the ringing call. */
  async answer(): Promise<void> {
    if (!this.manager || !this.session || this.state.call?.phase !== 'ringing') return;
    await this.manager.answer(this.session);
  }

  /** Ends the call: declines it while ringing, cancels it while dialling, else hangs up. */
  async hangUp(): Promise<void> {
    if (!this.manager || !this.session) return;
    if (this.state.call?.phase === 'ringing' && this.state.call.direction === 'in') {
      this.ending = 'rejected';
      await this.manager.decline(this.session);
      return;
    }
    await this.manager.hangup(this.session);
  }

  /** Dials a number or SIP user on the account's own domain (or a full sip: address). */
  async dial(target: string): Promise<void> {
    if (!this.manager || this.session) return;
    const destination = /^sips?:/i.test(target) ? target : `sip:${target.replace(/[^\d+*#a-z._-]/gi, '')}@${this.domain}`;
    this.ending = null;
    this.creating = true;
    let inviter: Inviter;
    try {
      inviter = await this.manager.call(destination, undefined, {
        requestDelegate: {
          onReject: (response) => this.setCall({ endReason: `${response.message.statusCode} ${response.message.reasonPhrase}` }),
        },
      });
    } finally {
      this.creating = false;
    }
    this.session = inviter;
    this.set({ call: { ...this.viewOf(inviter, 'out', 'dialling'), number: target }, lastToneIn: null });
    this.events.onIncoming(this.state.call!);
  }

  async toggleHold(): Promise<void> {
    if (!this.manager || !this.session || this.state.call?.phase !== 'talking') return;
    if (this.manager.isHeld(this.session)) await this.manager.unhold(this.session);
    else await this.manager.hold(this.session);
  }

  toggleMute(): void {
    if (!this.manager || !this.session || this.state.call?.phase !== 'talking') return;
    if (this.manager.isMuted(this.session)) this.manager.unmute(this.session);
    else this.manager.mute(this.session);
    this.setCall({ muted: this.manager.isMuted(this.session) });
  }

  async dtmf(tone: string): Promise<void> {
    if (!this.manager || !this.session || this.state.call?.phase !== 'talking' || !/^[0-9*#A-D]$/.test(tone)) return;
    await this.manager.sendDTMF(this.session, tone);
  }

  /** Blind transfer: the caller is sent on to `target` and this side leaves the call. */
  async transferBlind(target: string): Promise<void> {
    if (!this.manager || !this.session || this.state.call?.phase !== 'talking') return;
    this.ending = 'transferred';
    await this.manager.transfer(this.session, this.uriOf(target));
    await this.manager.hangup(this.session).catch(() => undefined);
  }

  /** Attended transfer, step one: the caller on hold, a consultation call to `target`. */
  async consult(target: string): Promise<void> {
    if (!this.manager || !this.session || this.consultSession || this.state.call?.phase !== 'talking') return;
    if (!this.manager.isHeld(this.session)) await this.manager.hold(this.session);
    this.creating = true;
    let inviter: Inviter;
    try {
      inviter = await this.manager.call(this.uriOf(target));
    } finally {
      this.creating = false;
    }
    this.consultSession = inviter;
    this.set({ consult: { ...this.viewOf(inviter, 'out', 'dialling'), number: target } });
  }

  /** Attended transfer, step two: the caller and the consulted party are joined (REFER with Replaces). */
  async completeTransfer(): Promise<void> {
    if (!this.manager || !this.session || !this.consultSession || this.state.consult?.phase !== 'talking') return;
    this.ending = 'transferred';
    const original = this.session;
    await this.manager.transfer(original, this.consultSession);
    // The caller accepted the REFER and calls the colleague in place of our consultation (which
    // the colleague then ends): this side leaves the caller's call.
    await this.manager.hangup(original).catch(() => undefined);
  }

  /** Attended transfer given up: the consultation ends and the caller comes back. */
  async cancelConsult(): Promise<void> {
    if (!this.manager || !this.consultSession) return;
    await this.manager.hangup(this.consultSession).catch(() => undefined);
    if (this.session && this.manager.isHeld(this.session)) await this.manager.unhold(this.session);
  }

  /** The call's microphone and the other side's audio, for the recorder; null before media flows. */
  media(): { local: MediaStream; remote: MediaStream } | null {
    const sdh = this.session?.sessionDescriptionHandler;
    if (!(sdh instanceof Web.SessionDescriptionHandler)) return null;
    return { local: sdh.localMediaStream, remote: sdh.remoteMediaStream };
  }

  /** Clears an ended call from the screen. */
  dismiss(): void {
    if (this.state.call?.phase === 'ended') this.set({ call: null });
  }

  private uriOf(target: string): string {
    return /^sips?:/i.test(target) ? target : `sip:${target.replace(/[^\d+*#a-z._-]/gi, '')}@${this.domain}`;
  }

  // Media statistics once a second: what actually flows, not what SIP says (it says "established" with no audio).
  private startStats(): void {
    if (this.statsTimer) return;
    this.statsTimer = setInterval(() => void this.readStats(), 1000);
  }

  private stopStats(): void {
    if (this.statsTimer) clearInterval(this.statsTimer);
    this.statsTimer = null;
  }

  private async readStats(): Promise<void> {
    const session = this.session;
    if (!session || session.state !== SessionState.Established) return;
    const pc = (session.sessionDescriptionHandler as { peerConnection?: RTCPeerConnection } | undefined)?.peerConnection;
    if (!pc) return;
    const report = await pc.getStats();
    let packetsIn = 0;
    let packetsOut = 0;
    let pairId: string | null = null;
    const byId = new Map<string, Record<string, unknown>>();
    report.forEach((s: Record<string, unknown>) => {
      byId.set(s.id as string, s);
      if (s.type === 'inbound-rtp' && s.kind === 'audio') packetsIn += Number(s.packetsReceived ?? 0);
      if (s.type === 'outbound-rtp' && s.kind === 'audio') packetsOut += Number(s.packetsSent ?? 0);
      if (s.type === 'transport' && typeof s.selectedCandidatePairId === 'string') pairId = s.selectedCandidatePairId;
    });
    // The transport names its selected pair; else the nominated pair that succeeded.
    const pair =
      (pairId ? byId.get(pairId) : undefined) ?? [...byId.values()].find((x) => x.type === 'candidate-pair' && x.nominated === true && x.state === 'succeeded');
    const address = (id: unknown) => {
      const c = typeof id === 'string' ? byId.get(id) : undefined;
      if (!c) return null;
      const a = typeof c.address === 'string' && c.address ? c.address : typeof c.ip === 'string' ? c.ip : '';
      // Chromium hides a peer-reflexive candidate's address: say what kind it is instead.
      return a || (typeof c.candidateType === 'string' ? c.candidateType : null);
    };
    if (session === this.session) this.set({ stats: { packetsIn, packetsOut, localAddress: address(pair?.localCandidateId), remoteAddress: address(pair?.remoteCandidateId) } });
  }
}
