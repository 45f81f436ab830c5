/** What Depesche's engine hands every page it renders (src/data/page-data.ts). */
import type { PageLocals } from './data/page-data.ts';

declare global {
  namespace App {
    interface Locals {
      depesche?: PageLocals | undefined;
    }
  }
}
