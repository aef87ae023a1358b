export { createLocalEidProvider, LOCAL_EID_ACR } from './local-eid-provider.js';
export type { LocalEidOptions } from './local-eid-provider.js';
export { DEMO_RESIDENTS } from './demo-residents.js';
export type { DemoResident } from './demo-residents.js';
