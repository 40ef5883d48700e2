/** One write of the benchmark's stream (bench/grid-writer.ts decides, bench/grid.ts applies). */
export type BenchWrite =
  | { kind: 'notes'; id: string; text: string }
  | { kind: 'status'; id: string }
  | { kind: 'planned'; id: string; at: number }
  | { kind: 'rename'; id: string; name: string };
