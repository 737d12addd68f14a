import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Business-day and weekend rules depend on local time: pin it so runs are reproducible.
    env: { TZ: 'Europe/Berlin' },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
