import type { Page } from '@playwright/test';

/** Calls the API from the page over its own WebSocket session (for expected values). */
export async function api<T>(page: Page, method: string, input: unknown): Promise<T> {
  return page.evaluate(
    ([m, i]) =>
      new Promise<T>((resolve, reject) => {
        const origin = (globalThis as unknown as { location: { origin: string } }).location.origin;
        const ws = new WebSocket(`${origin.replace('http', 'ws')}/api`);
        ws.onopen = () => ws.send(JSON.stringify({ id: 1, method: m, input: i }));
        ws.onmessage = (e) => {
          const msg = JSON.parse(String(e.data)) as { id?: number; result?: { ok: boolean; value?: T; error?: { message: string } } };
          if (msg.id !== 1) return;
          ws.close();
          if (msg.result?.ok) resolve(msg.result.value as T);
          else reject(new Error(msg.result?.error?.message));
        };
      }),
    [method, input] as const,
  );
}
