import { BRIDGE_KEY, type DesktopBridge } from '../../../shared/api/bridge';
import type { SetupBridge } from '../../../shared/api/setup';

export type { PickedFile, SetupBridge, SetupReason, SetupResult, SetupStatus } from '../../../shared/api/setup';

/**
 * The first-run bridge when this window is the desktop app's first-run page (?setup=1, opened by
 * main while no database is chosen); null otherwise, and always in browser mode.
 */
export function firstRunBridge(search: string = window.location.search): SetupBridge | null {
  if (new URLSearchParams(search).get('setup') !== '1') return null;
  const bridge = (globalThis as Record<string, unknown>)[BRIDGE_KEY] as DesktopBridge | undefined;
  return bridge?.setup ?? null;
}
