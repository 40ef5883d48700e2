import { config } from 'zod';

// zod probes for eval with `new Function("")` on its first parse; under our CSP (no
// 'unsafe-eval') the probe is refused and reported as a violation on every page load.
// Jitless parsing skips the probe. Imported first by main.tsx, before any schema is used.
config({ jitless: true });
