/**
 * Lodestone as a library: the public surface of each module.
 * @module lodestone
 */
export * as api from './api/index.js';
export * as crypto from './crypto/index.js';
export { BaseError, isCodedError } from './errors.js';
export * as log from './log/index.js';
export * as model from './model/index.js';
export * as service from './service/index.js';
