export * from '@ninetailed/experience.js';
export { NinetailedContext } from './NinetailedContext';
