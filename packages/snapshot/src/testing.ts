// The contract suite every Snapshotter backend runs on a real filesystem, and its tree fixture.
export { describeSnapshotterContract } from './testing/describe-snapshotter-contract.js';
export type { SnapshotterContractEnv, SnapshotterContractSetup } from './testing/contract-context.js';
export { listTree, writeFixtureTree } from './testing/fixture-tree.js';
export type { TreeEntry } from './testing/fixture-tree.js';
