import { hostEnv } from './clock';
import { startBigHost } from './big-host';

/** Starts the 1M host in the background (CC_E2E_NO_BIG=1: not at all, while working on one spec). */
export default function globalSetup(): (() => Promise<void>) | undefined {
  if (process.env.CC_E2E_NO_BIG) return undefined;
  return startBigHost(hostEnv());
}
