// The runtime contract suite: every Runtime implementation runs it against real PostgreSQL.
export { describeRuntimeContract } from './testing/describe-runtime-contract.js';
export type { MakeRuntimeContractEnv, RuntimeContractEnv } from './testing/contract-env.js';
