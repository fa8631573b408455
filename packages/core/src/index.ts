export { LIBRARY_NAME, LIBRARY_VERSION } from './version';
