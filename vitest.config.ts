import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Two cores on the CI machines; threads keep worker start-up cheap.
    pool: 'threads',
    testTimeout: 60_000,
  },
});
