/*
 * "Call this number" from anywhere in the window (the call log's call back; later every phone
 * number shown): the softphone engine listens and dials. One listener: the engine of this window.
 */

type Listener = (number: string) => void;
let listener: Listener | null = null;

export function onDialRequest(l: Listener): () => void {
  listener = l;
  return () => {
    if (listener === l) listener = null;
  };
}

/** Asks the softphone to dial; false when there is none (no account, no right). */
export function requestDial(number: string): boolean {
  if (!listener) return false;
  listener(number);
  return true;
}
