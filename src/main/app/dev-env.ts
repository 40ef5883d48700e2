/**
 * Variables that only a development checkout may use: they point the app at another native
 * SQLite driver (any native module would be loaded) or at another migrations folder (any SQL
 * would run). A packaged app drops them before anything reads them (electron/main.ts).
 */
const DEV_ONLY_VARIABLES = ['CC_SQLITE_NATIVE_BINDING', 'CC_MIGRATIONS_DIR'] as const;

/** Removes the development-only variables from `env` in place; returns the names it removed. */
export function dropDevOnlyVariables(env: NodeJS.ProcessEnv): string[] {
  const dropped = DEV_ONLY_VARIABLES.filter((name) => env[name] !== undefined);
  for (const name of dropped) delete env[name];
  return dropped;
}
