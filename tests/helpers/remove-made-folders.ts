import { afterAll } from 'vitest';
import { removeMadeFolders } from './made-folders.js';

// Vitest setup file: registered first, so run last, after the test file's own afterAll hooks
// (which may still stop servers that use the folders).
afterAll(removeMadeFolders);
