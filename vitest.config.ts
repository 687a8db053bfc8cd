import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**'],
    testTimeout: 30_000,
    globalSetup: ['tests/helpers/temporary-root.ts'],
    setupFiles: ['tests/helpers/remove-made-folders.ts'],
  },
});
