import { columnTypes } from '@redress/database';
import type { PolicyCriteria, SlaPolicy } from '@redress/domain';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A policy an admin defined; the regulators' presets are in code (SLA_PRESETS). */
@Entity('sla_policies')
export class SlaPolicyRecord {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: columnTypes.json })
  definition: SlaPolicy;

  @Column({ type: columnTypes.json })
  match: PolicyCriteria;

  /** Always false: the presets come from code and are never stored. */
  @Column({ type: 'boolean', default: false })
  builtin: boolean;

  /** False once deleted: complaints already under the policy keep it in their clock. */
  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** Counts every change, so an auditor can tell which edition a complaint was matched under. */
  @Column({ type: 'integer', default: 1 })
  version: number;

  @Column({ name: 'created_at', type: columnTypes.timestamp })
  createdAt: Date;

  @Column({ name: 'updated_at', type: columnTypes.timestamp })
  updatedAt: Date;
}
