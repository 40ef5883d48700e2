// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { onDialRequest } from '../../src/renderer/src/kit/dial';
import { PhoneLink } from '../../src/renderer/src/kit/phone-link';
import { FakeTransport, click, mount, stubBrowser, type Mounted } from './support';

let view: Mounted | null = null;
beforeAll(stubBrowser);
afterEach(() => {
  view?.unmount();
  view = null;
});

describe('a phone number shown in the app', () => {
  it('is shown in international form and calls the number through the softphone when clicked', async () => {
    const dialled: string[] = [];
    const off = onDialRequest((n) => dialled.push(n));
    let rowOpened = false;
    view = await mount(
      <div onClick={() => (rowOpened = true)}>
        <PhoneLink number="+40721234567" />
      </div>,
      new FakeTransport(),
    );
    const link = view.get('phone-link');
    expect(link.textContent).toBe('+40 721 234 567');
    await click(link);
    expect(dialled).toEqual(['+40721234567']);
    // The row under the number does not open as well.
    expect(rowOpened).toBe(false);
    off();
    // With no softphone (no account, no right) nothing is dialled (a notice says so).
    await click(link);
    expect(dialled).toEqual(['+40721234567']);
  });
});
