// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MessagesTab } from '../../src/renderer/src/features/thread/messages-tab';
import { mentionQuery } from '../../src/renderer/src/features/thread/composer';
import { FakeTransport, click, flush, mount, stubBrowser, type Mounted } from './support';
import type { ThreadMessage } from '../../src/shared/api/thread';

describe('the @mention being typed', () => {
  it('is the "@" word (or two) right before the caret', () => {
    expect(mentionQuery('Call @Mar', 9)).toEqual({ start: 5, query: 'Mar' });
    expect(mentionQuery('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionQuery('Ask @Ana Po', 11)).toEqual({ start: 4, query: 'Ana Po' });
    expect(mentionQuery('Ask @Ștefan', 11)).toEqual({ start: 4, query: 'Ștefan' });
  });

  it('is nothing inside an e-mail address, after a finished name or away from the caret', () => {
    expect(mentionQuery('mail ana@example.com', 20)).toBeNull();
    expect(mentionQuery('Ask @Ana Pop and more', 21)).toBeNull();
    expect(mentionQuery('Call @Mar now please', 20)).toBeNull();
    expect(mentionQuery('no mention', 10)).toBeNull();
  });
});

const PEOPLE = [
  { id: 'p-1', name: 'Ana Pop', operator: true, technician: false, verifier: false },
  { id: 'p-2', name: 'Maria Ene', operator: true, technician: false, verifier: false },
  { id: 'p-3', name: 'Marc Pérez Mas', operator: false, technician: true, verifier: false },
];

function transport(thread: ThreadMessage[]): FakeTransport {
  const tr = new FakeTransport();
  tr.state = 'connected';
  tr.answers['interventions.messages.list'] = () => ({ ok: true, value: [...thread] });
  tr.answers['interventions.lookups'] = () => ({ ok: true, value: { personnel: PEOPLE, requestTypes: [], commercialZones: [], teams: [] } });
  tr.answers['settings.get'] = () => ({ ok: true, value: { attachmentMaxBytes: 1024 * 1024 } });
  tr.answers['interventions.messages.add'] = (input) => {
    const i = input as { body: string; mentionIds?: string[] };
    const m: ThreadMessage = {
      id: `m-${thread.length + 1}`,
      at: Date.UTC(2026, 10, 22, 9),
      kind: 'note',
      personId: 'p-1',
      personName: 'Ana Pop',
      body: i.body,
      attachmentId: null,
      registerEntryId: null,
      mentions: (i.mentionIds ?? []).map((id) => ({ personId: id, name: PEOPLE.find((p) => p.id === id)!.name })),
    };
    thread.push(m);
    return { ok: true, value: m };
  };
  return tr;
}

/** Types into the textarea as a person does: value and caret, then the input event. */
function typeText(area: HTMLTextAreaElement, value: string) {
  act(() => {
    Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set?.call(area, value);
    area.setSelectionRange(value.length, value.length);
    area.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

let view: Mounted | null = null;
beforeAll(() => stubBrowser());
afterEach(() => {
  view?.unmount();
  view = null;
});

describe('the Messages page', () => {
  it('shows the thread with the mentions marked, and sends the people picked from the list as ids', async () => {
    const thread: ThreadMessage[] = [
      { id: 'm-1', at: Date.UTC(2026, 10, 21, 9), kind: 'system', personId: null, personName: null, body: 'Dan rejected it. @Ana Pop', attachmentId: null, registerEntryId: null, mentions: [{ personId: 'p-1', name: 'Ana Pop' }] },
    ];
    const tr = transport(thread);
    view = await mount(<MessagesTab id="iv-1" version={3} canWrite />, tr);
    await flush(5);
    expect(document.querySelectorAll('[data-testid="ivf-message"]')).toHaveLength(1);
    expect(view.get('thread-mention').textContent).toBe('@Ana Pop');

    const area = view.get('ivf-message-body') as HTMLTextAreaElement;
    typeText(area, 'Please call @mar');
    await flush(3);
    const options = [...document.querySelectorAll<HTMLElement>('[data-testid="thread-mention-option"]')].map((o) => o.textContent);
    // Names that start with it first, then a later word that does.
    expect(options).toEqual(['Maria Ene', 'Marc Pérez Mas']);
    await click(document.querySelector<HTMLElement>('[data-testid="thread-mention-option"]')!);
    expect(area.value).toBe('Please call @Maria Ene ');
    typeText(area, `${area.value}today`);
    await click(view.get('ivf-message-add'));
    await flush(3);
    expect(tr.calls).toContainEqual({ method: 'interventions.messages.add', input: { id: 'iv-1', body: 'Please call @Maria Ene today', kind: 'note', mentionIds: ['p-2'] } });
    expect(area.value).toBe('');
    expect(document.querySelectorAll('[data-testid="ivf-message"]')).toHaveLength(2);
  });

  it('folds the text a received mail quoted under its new words, opened and closed by its button', async () => {
    const thread: ThreadMessage[] = [
      {
        id: 'm-1',
        at: Date.UTC(2026, 10, 21, 9),
        kind: 'email_in',
        personId: 'p-3',
        personName: 'Marc Pérez Mas',
        body: 'marc@example.test\nRe: assignment\n\nAccepto.',
        attachmentId: null,
        registerEntryId: null,
        quoted: 'El 20/11, Dispatch va escriure:\n> Heu estat assignat.',
      },
      { id: 'm-2', at: Date.UTC(2026, 10, 21, 10), kind: 'note', personId: 'p-1', personName: 'Ana Pop', body: 'Thanks', attachmentId: null, registerEntryId: null, quoted: null },
    ];
    view = await mount(<MessagesTab id="iv-1" version={3} canWrite />, transport(thread));
    await flush(5);
    // One fold, on the mail only; closed at first.
    expect(document.querySelectorAll('[data-testid="thread-quoted-toggle"]')).toHaveLength(1);
    expect(view.query('thread-quoted')).toBeNull();
    await click(view.get('thread-quoted-toggle'));
    expect(view.get('thread-quoted').textContent).toBe('El 20/11, Dispatch va escriure:\n> Heu estat assignat.');
    expect(view.get('thread-quoted-toggle').textContent).toBe('Hide the quoted text');
    await click(view.get('thread-quoted-toggle'));
    expect(view.query('thread-quoted')).toBeNull();
  });

  it('shows the thread without a composer to a user who may only read', async () => {
    const tr = transport([]);
    view = await mount(<MessagesTab id="iv-1" version={3} canWrite={false} />, tr);
    await flush(5);
    expect(view.query('ivf-message-body')).toBeNull();
    expect(view.get('thread-readonly').textContent).toContain('can read these messages but not write');
  });

  it('does not send a mention whose name was deleted from the text', async () => {
    const tr = transport([]);
    view = await mount(<MessagesTab id="iv-1" version={3} canWrite />, tr);
    await flush(5);
    const area = view.get('ivf-message-body') as HTMLTextAreaElement;
    typeText(area, '@An');
    await flush(3);
    await click(document.querySelector<HTMLElement>('[data-testid="thread-mention-option"]')!);
    typeText(area, 'Never mind');
    await click(view.get('ivf-message-add'));
    await flush(3);
    expect(tr.calls).toContainEqual({ method: 'interventions.messages.add', input: { id: 'iv-1', body: 'Never mind', kind: 'note' } });
  });

  it('refuses a file over the limit before sending, naming both sizes, and keeps the text', async () => {
    const tr = transport([]);
    view = await mount(<MessagesTab id="iv-1" version={3} canWrite />, tr);
    await flush(5);
    const area = view.get('ivf-message-body') as HTMLTextAreaElement;
    typeText(area, 'The scan is attached');
    const input = view.get('thread-file-input') as HTMLInputElement;
    const big = new File([new Uint8Array(2 * 1024 * 1024)], 'scan.tiff', { type: 'image/tiff' });
    act(() => {
      Object.defineProperty(input, 'files', { configurable: true, value: [big] });
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await flush(3);
    expect(view.get('thread-composer').textContent).toContain('scan.tiff is 2.0 MiB; the limit is 1.0 MiB.');
    expect(area.value).toBe('The scan is attached');
    expect(view.query('thread-upload')).toBeNull();
    expect(tr.calls.some((c) => c.method === 'interventions.messages.add')).toBe(false);
  });

  it('says so when nothing is written', async () => {
    const tr = transport([]);
    view = await mount(<MessagesTab id="iv-1" version={3} canWrite />, tr);
    await flush(5);
    expect(view.get('thread-empty').textContent).toBe('No messages yet. Write the first one below.');
    await click(view.get('ivf-message-add'));
    expect(view.get('thread-composer').textContent).toContain('Write a message or attach a file.');
    expect(tr.calls.some((c) => c.method === 'interventions.messages.add')).toBe(false);
  });

  it('counts down to 4,000 characters and refuses a longer text without cutting it', async () => {
    const tr = transport([]);
    view = await mount(<MessagesTab id="iv-1" version={3} canWrite />, tr);
    await flush(5);
    expect(view.get('thread-count').textContent).toBe('4000 characters left');
    const area = view.get('ivf-message-body') as HTMLTextAreaElement;
    typeText(area, 'x'.repeat(3999));
    expect(view.get('thread-count').textContent).toBe('1 character left');
    const pasted = 'y'.repeat(4100);
    typeText(area, pasted);
    expect(view.get('thread-count').getAttribute('data-left')).toBe('-100');
    await click(view.get('ivf-message-add'));
    expect(view.get('thread-composer').textContent).toContain('The message is 100 characters too long.');
    // Nothing lost: the whole text stays for the operator to shorten; nothing was sent.
    expect(area.value).toBe(pasted);
    expect(tr.calls.some((c) => c.method === 'interventions.messages.add')).toBe(false);
  });

  it('puts one space after a picked name, not two when the text after it has one', async () => {
    const tr = transport([]);
    view = await mount(<MessagesTab id="iv-1" version={3} canWrite />, tr);
    await flush(5);
    const area = view.get('ivf-message-body') as HTMLTextAreaElement;
    // The caret after "@An", with " will call" already written after it.
    act(() => {
      Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set?.call(area, '@An will call');
      area.setSelectionRange(3, 3);
      area.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await flush(3);
    await click(document.querySelector<HTMLElement>('[data-testid="thread-mention-option"]')!);
    expect(area.value).toBe('@Ana Pop will call');
  });
});
