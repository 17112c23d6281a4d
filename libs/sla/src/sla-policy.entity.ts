import { columnTypes } from '@redress/database';
import type { PolicyCriteria, SlaPolicy } from '@redress/domain';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A policy an admin defined; the presets are in code (SLA_PRESETS). */
@Entity('sla_policies')
export class SlaPolicyRecord {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  code: string;

  @Column({ type: columnTypes.json })
  definition: SlaPolicy;

  @Column({ type: columnTypes.json })
  criteria: PolicyCriteria;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ name: 'created_at', type: columnTypes.timestamp })
  createdAt: Date;

  @Column({ name: 'updated_at', type: columnTypes.timestamp })
  updatedAt: Date;
}
