import { observeElement } from './observeElement';
import { unobserveElement } from './unobserveElement';
import { viewHook } from './viewHook';

// Imported (through the package entry) only by apps that use these functions: they register
// for the instance methods `observeElement`/`unobserveElement` (see `viewHook`).
viewHook.observe = observeElement;
viewHook.unobserve = unobserveElement;

export { observeElement, unobserveElement };
