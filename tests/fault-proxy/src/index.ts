export {
  type FaultProxy,
  type FaultProxyOptions,
  type FaultProxyStats,
  type ProxiedRequest,
  startFaultProxy,
} from './faultProxy';
export {
  decideFault,
  type FaultAction,
  type FaultRequest,
  type FaultRule,
  faultSchedule,
} from './faultRules';
export { faults } from './faults';
export { seededUnit } from './seededUnit';
