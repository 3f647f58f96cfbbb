// Id formats of sqlrs: job, instance and state ids, id prefixes, job filters and the name grammar.
export {
  RANDOM_ID_LENGTH,
  STATE_ID_LENGTH,
  isRandomId,
  isStateId,
  newRandomId,
  parseRandomId,
  parseStateId,
  toHex,
} from './ids.js';
export type { RandomBytes } from './ids.js';
export { parseIdPrefix, parseJobFilter } from './filters.js';
export { isValidName, nameProblem, parseName } from './names.js';
