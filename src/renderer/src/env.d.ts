import type { DesktopBridge } from '../../shared/api/bridge';

declare global {
  interface Window {
    /** The Electron preload's bridge (BRIDGE_KEY); absent in browser mode. */
    callcenter?: DesktopBridge;
    /** Keys `t()` could not find, as "language:key"; end-to-end tests assert it stays empty. */
    __missingI18nKeys?: string[];
  }
}

export {};
