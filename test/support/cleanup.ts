import { afterAll } from 'vitest';
import { removeTempDirs } from './config';

// Registered before each file's own hooks, so it runs after them: servers are closed, children stopped.
afterAll(() => removeTempDirs());
