/**
 * Loaded before a command (`node --import ./src/cli/compile-cache.ts …`, see package.json), so
 * that the command's own modules come from the compile cache too (lib/compile-cache.ts).
 */
import { useCompileCache } from '../lib/compile-cache.ts';

useCompileCache();
