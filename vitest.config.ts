import { defineConfig } from 'vitest/config';

// One project per layer, so `vitest run --project core` stays a milliseconds-fast loop.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'core', include: ['tests/core/**/*.test.ts'] } },
      { test: { name: 'station', include: ['tests/station/**/*.test.ts', 'tests/web-host/**/*.test.ts', 'tests/tooling/**/*.test.ts'], testTimeout: 30_000 } },
      { test: { name: 'main', include: ['tests/main/**/*.test.ts'] } },
      { test: { name: 'renderer', include: ['tests/renderer/**/*.test.ts', 'tests/renderer/**/*.test.tsx'] } },
      { test: { name: 'city', include: ['tests/city/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 120_000 } },
      { test: { name: 'faults', include: ['tests/faults/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000 } },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 90_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
