import type { DownloadName, MethodName, MethodOutput, ParsedInput, StreamName, StreamParams, UploadName, UploadOutput } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/result';
import type { Me } from '../../shared/api/auth';
import type { Actor, ServiceContext } from './context';

/**
 * One caller: a window over IPC or a WebSocket connection. It carries the session token; the
 * dispatcher resumes the session on every call, so an expiry or a change of rights applies at once.
 */
export interface Caller {
  transport: 'ipc' | 'http';
  token: string | null;
  /** The client's network address (browser mode), for the login throttle; absent over IPC. */
  address?: string;
}

/** A resumed session, as handlers see it (auth/sessions.ts makes them). */
export interface SessionRef {
  tokenHash: string;
  userId: string;
  /** When it ends if left idle (slides with every call). */
  expiresAt: number;
  /** When it ends however busy it is (the absolute limit, from the login). */
  endsAt: number;
}

/** What every handler gets besides its input; services with state come from its capability's factory. */
export interface HandlerContext {
  ctx: ServiceContext;
  caller: Caller;
  /** Null only for public methods called before login. */
  me: Me | null;
  session: SessionRef | null;
  actor: Actor;
}

/** A method answering null may return nothing: the dispatcher answers null for it. */
type Answer<M extends MethodName> = MethodOutput<M> extends null ? MethodOutput<M> | void : MethodOutput<M>;

type Handler<M extends MethodName> = (input: ParsedInput<M>, hc: HandlerContext) => Answer<M> | Promise<Answer<M>>;

/** One capability's handlers: exactly the methods of its contract file (a missing one is a type error). */
export type HandlerMap<K extends MethodName> = { [M in K]: Handler<M> };

/** Every method of the contract. */
export type Handlers = HandlerMap<MethodName>;

/** A file to stream out: where it is on disk, its name, and the headers of the answer. */
export interface Download {
  path: string;
  fileName: string;
  headers: Record<string, string>;
  /** Called by the transport once the file was handed out whole (an export is then removed soon). */
  sent?: () => void;
}

type StreamHandler<S extends StreamName> = S extends UploadName
  ? (params: StreamParams<S>, body: AsyncIterable<Uint8Array>, hc: HandlerContext) => Promise<UploadOutput<S>>
  : S extends DownloadName
    ? (params: StreamParams<S>, hc: HandlerContext) => Download | Promise<Download>
    : never;

/** One capability's transfers (shared/api: its `…Streams`). */
export type StreamHandlerMap<K extends StreamName> = { [S in K]: StreamHandler<S> };

/** Every transfer of the contract. */
export type StreamHandlers = StreamHandlerMap<StreamName>;

/** Every method but the public login has a logged-in user; this narrows the type once. */
export function user(me: Me | null): Me {
  if (!me) throw new ApiError('unauthenticated', 'Please log in.');
  return me;
}

/** Who is looking, as the grid and lookups need it (language for names, person for "mine"). */
export const viewer = (me: Me | null) => {
  const u = user(me);
  return { language: u.language, personId: u.personId, userId: u.userId };
};
