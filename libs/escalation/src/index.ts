export * from './alerts/alert.entity';
export * from './alerts/alert.view';
export * from './clock/sla-clock.service';
export * from './timers/sla-timers';
export * from './timers/sla-sweeper.service';
export * from './timers/sla-wake.service';
export * from './escalation.module';
