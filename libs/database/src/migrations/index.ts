import { Intake1764300000000 } from './1764300000000-intake';

/** Every migration, in order. Listed explicitly so the bundled build needs no file globbing. */
export const MIGRATIONS = [Intake1764300000000];
