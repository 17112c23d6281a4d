import { Intake1764300000000 } from './1764300000000-intake';
import { Organisation1764400000000 } from './1764400000000-organisation';
import { DescriptionFingerprint1764500000000 } from './1764500000000-description-fingerprint';
import { CaseWorkflow1764600000000 } from './1764600000000-case-workflow';
import { SlaConfig1764700000000 } from './1764700000000-sla-config';
import { Communications1764800000000 } from './1764800000000-communications';
import { Webhooks1764900000000 } from './1764900000000-webhooks';
import { AlertEmails1765000000000 } from './1765000000000-alert-emails';
import { QueueIndexes1765100000000 } from './1765100000000-queue-indexes';
import { BinaryFingerprint1765200000000 } from './1765200000000-binary-fingerprint';
import { DeliveryRetention1765300000000 } from './1765300000000-delivery-retention';

/** Every migration, in order. Listed explicitly so the bundled build needs no file globbing. */
export const MIGRATIONS = [
  Intake1764300000000,
  Organisation1764400000000,
  DescriptionFingerprint1764500000000,
  CaseWorkflow1764600000000,
  SlaConfig1764700000000,
  Communications1764800000000,
  Webhooks1764900000000,
  AlertEmails1765000000000,
  QueueIndexes1765100000000,
  BinaryFingerprint1765200000000,
  DeliveryRetention1765300000000,
];
