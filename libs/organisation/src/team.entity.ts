import { columnTypes } from '@redress/database';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export const AUTO_ASSIGN_MODES = ['off', 'round_robin', 'least_loaded'] as const;
export type AutoAssignMode = (typeof AUTO_ASSIGN_MODES)[number];

@Entity('teams')
export class Team {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ name: 'supervisor_id', type: 'varchar', length: 64, nullable: true })
  supervisorId: string | null;

  @Column({ name: 'manager_id', type: 'varchar', length: 64, nullable: true })
  managerId: string | null;

  /** Complaint categories the team handles; empty means any. */
  @Column({ type: columnTypes.json })
  categories: string[];

  @Column({ type: columnTypes.json })
  languages: string[];

  @Column({ name: 'auto_assign', type: 'varchar', length: 16 })
  autoAssign: AutoAssignMode;

  /** The staff id round-robin assigned last; the next one follows it. */
  @Column({ name: 'round_robin_cursor', type: 'varchar', length: 64, nullable: true })
  roundRobinCursor: string | null;

  @Column({ name: 'created_at', type: columnTypes.timestamp })
  createdAt: Date;

  @Column({ name: 'updated_at', type: columnTypes.timestamp })
  updatedAt: Date;
}
