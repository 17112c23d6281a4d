import { Intake1764300000000 } from './1764300000000-intake';
import { Organisation1764400000000 } from './1764400000000-organisation';
import { DescriptionFingerprint1764500000000 } from './1764500000000-description-fingerprint';

/** Every migration, in order. Listed explicitly so the bundled build needs no file globbing. */
export const MIGRATIONS = [Intake1764300000000, Organisation1764400000000, DescriptionFingerprint1764500000000];
